CREATE TABLE a (id int);
CREATE POLICY p ON a USING (true);
COMMENT ON POLICY p ON a IS 'everyone';
