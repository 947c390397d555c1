--
-- PostgreSQL database dump
--

SET client_encoding = 'UTF8';

CREATE TABLE public.visits (
    id integer NOT NULL,
    district integer NOT NULL
);

ALTER TABLE public.visits OWNER TO daftar;

COPY public.visits (id, district) FROM stdin;
1	4
2	10
\.

