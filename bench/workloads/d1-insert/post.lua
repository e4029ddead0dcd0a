-- wrk script: every request is a POST, which the d1 worker answers with an INSERT.
wrk.method = "POST"
