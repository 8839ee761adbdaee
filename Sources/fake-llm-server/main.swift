print("fake-llm-server: not built yet")
