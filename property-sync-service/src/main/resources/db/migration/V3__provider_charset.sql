-- RETS: the charset of a provider's bodies that declare none (null = UTF-8 with a windows-1252 fallback).
ALTER TABLE mls_provider ADD COLUMN charset varchar(40);
