--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET search_path TO billing, public;

CREATE TABLE billing.invoices (
    id bigint NOT NULL,
    customer text NOT NULL,
    note text DEFAULT E'n/a: customer\'s request',
    total numeric(12,2)
) WITH (fillfactor = 90);

CREATE FUNCTION billing.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $body$
BEGIN
    -- don't let a rounding error through
    NEW.total := round(NEW.total, 2);
    RAISE NOTICE 'invoice %s; customer''s total %', NEW.id, NEW.total;
    RETURN NEW;
END;
$body$;

COPY billing.invoices (id, customer, note, total) FROM stdin;
1	O'Brien	it's paid; thanks	10.00
2	Smith	\N	20.50
\.

DO $$ BEGIN PERFORM 1; END $$;
