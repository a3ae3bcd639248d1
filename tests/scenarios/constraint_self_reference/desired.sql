CREATE TABLE node (id int PRIMARY KEY, parent int CONSTRAINT node_parent REFERENCES node (id));
