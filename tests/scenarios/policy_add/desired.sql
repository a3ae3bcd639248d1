CREATE TABLE a (id int, owner text);
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON a FOR SELECT USING (owner = current_user);
