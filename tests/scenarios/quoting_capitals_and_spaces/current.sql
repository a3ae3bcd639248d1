CREATE SCHEMA "Sales Data";
