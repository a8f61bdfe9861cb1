-- The provider's RFC 8628 device authorization endpoint (authorize --device), when it has one.
-- NULL for apps stored before this column existed: the provider preset's endpoint applies.
ALTER TABLE apps ADD COLUMN device_authorization_endpoint TEXT;
