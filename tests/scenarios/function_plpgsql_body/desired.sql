CREATE FUNCTION f(n int) RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$ BEGIN RETURN n * 2; END $$;
