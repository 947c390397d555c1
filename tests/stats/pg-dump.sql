--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6 (Debian 15.6-0+deb12u1)
-- Dumped by pg_dump version 15.6 (Debian 15.6-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: visits; Type: TABLE; Schema: public; Owner: daftar
--

CREATE TABLE public.visits (
    id integer NOT NULL,
    month character varying(7) NOT NULL,
    district integer NOT NULL,
    note text DEFAULT ''::text,
    status character varying(10) DEFAULT 'open'::character varying NOT NULL,
    score numeric(5,2),
    seen timestamp without time zone DEFAULT '2024-01-01 00:00:00'::timestamp without time zone
);


ALTER TABLE public.visits OWNER TO daftar;

--
-- Name: visits_id_seq; Type: SEQUENCE; Schema: public; Owner: daftar
--

CREATE SEQUENCE public.visits_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.visits_id_seq OWNER TO daftar;

--
-- Name: visits_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: daftar
--

ALTER SEQUENCE public.visits_id_seq OWNED BY public.visits.id;


--
-- Name: visits id; Type: DEFAULT; Schema: public; Owner: daftar
--

ALTER TABLE ONLY public.visits ALTER COLUMN id SET DEFAULT nextval('public.visits_id_seq'::regclass);


--
-- Data for Name: visits; Type: TABLE DATA; Schema: public; Owner: daftar
--

INSERT INTO public.visits VALUES (1, '1403-01', 4, 'اول; با نقطه‌ویرگول', 'open', 3.50, '2024-03-21 10:00:00');
INSERT INTO public.visits VALUES (2, '1403-01', 10, NULL, 'closed', NULL, NULL);
INSERT INTO public.visits VALUES (3, '1403-02', 4, 'it''s -- not a comment', 'open', 12.25, NULL);


--
-- Name: visits_id_seq; Type: SEQUENCE SET; Schema: public; Owner: daftar
--

SELECT pg_catalog.setval('public.visits_id_seq', 3, true);


--
-- Name: visits visits_pkey; Type: CONSTRAINT; Schema: public; Owner: daftar
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_pkey PRIMARY KEY (id);


--
-- Name: visits_district_idx; Type: INDEX; Schema: public; Owner: daftar
--

CREATE INDEX visits_district_idx ON public.visits USING btree (district);


--
-- PostgreSQL database dump complete
--

