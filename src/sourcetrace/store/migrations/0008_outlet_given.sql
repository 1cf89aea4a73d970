-- The outlet as the page or input gave it ("FOX"), beside ``outlet``, the one name
-- sourcetrace gives every spelling of an outlet ("Fox News"); NULL when only the URL named it.
ALTER TABLE articles ADD COLUMN outlet_given TEXT;
