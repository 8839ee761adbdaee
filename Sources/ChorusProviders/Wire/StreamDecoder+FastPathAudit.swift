/// Every stream the tests read checks the decoders' fast paths (issue 16): in debug builds each
/// event is also decoded the full way (`JSONDecoder`) on a copy of the decoder, and the two
/// actions must be equal. So every provider test's stream, recorded shapes included, is a test of
/// `OpenAIFastChunk` and `AnthropicFastEvent`; release builds decode once.
extension StreamDecoder {
    mutating func consumeChecked(_ event: ServerSentEvent) -> StreamAction {
        #if DEBUG
            var full = self
            full.fastPath = false
            let expected = full.consume(event)
            let action = consume(event)
            assert(action == expected && textStarted == full.textStarted, "the fast path disagrees on \(event.data)")
            return action
        #else
            return consume(event)
        #endif
    }
}
