CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE old_range AS RANGE (subtype = int4);
CREATE TYPE "Text Range" AS RANGE (subtype = text);
