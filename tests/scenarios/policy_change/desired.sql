CREATE TABLE a (id int, owner text);
CREATE POLICY p ON a AS RESTRICTIVE FOR UPDATE USING (owner = current_user) WITH CHECK (id > 0);
