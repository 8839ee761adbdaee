// The fake LLM server lives here (issue 3).
