CREATE TABLE a (id int, owner text);
CREATE POLICY p ON a USING (owner = current_user);
