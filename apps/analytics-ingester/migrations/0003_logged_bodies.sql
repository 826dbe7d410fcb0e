-- Logged request and response bodies (keys with shouldLogRequest / shouldLogResponse), whatever their content
-- type: encoding is json, text or base64 (binary), so an event is never dropped for its body.
ALTER TABLE request_events
  ADD COLUMN request_content_type String,
  ADD COLUMN request_encoding String,
  ADD COLUMN request_body String,
  ADD COLUMN request_truncated UInt8,
  ADD COLUMN response_content_type String,
  ADD COLUMN response_encoding String,
  ADD COLUMN response_body String,
  ADD COLUMN response_truncated UInt8;
