/// The content words of a set of answers as small numbers, so `Agreement` compares answers as
/// bit sets instead of sets of strings.
///
/// A content word is what `Agreement` has always counted: a lower-cased run of letters and digits
/// (`Character.isLetter || isNumber`) of at least four characters, not a stop word, stemmed.
/// Each distinct token is lower-cased, checked and stemmed once, the first time it is seen; after
/// that a token costs one dictionary look-up (no allocation for tokens of up to 15 bytes, which
/// Swift stores inline).
struct WordVocabulary {
    /// Stemmed words by number.
    private(set) var words: [String] = []
    private var numbers: [String: Int32] = [:]
    /// Each lower-cased token seen: its word's number, or -1 when it is not a content word.
    private var tokens: [String: Int32] = [:]
    /// Which text last listed each word, so a text lists a word once.
    private var lastListedBy: [Int32] = []
    private var texts: Int32 = 0

    var count: Int { words.count }

    /// The numbers of the distinct content words of `text` as a person reads it (reasoning left
    /// out, `AnswerExtraction.readingForm`), in the order first seen.
    mutating func contentWordIDs(_ text: String) -> [Int32] {
        texts += 1
        var list: [Int32] = []
        var text = AnswerExtraction.readingForm(AnswerExtraction.withoutReasoning(text))
        text.withUTF8 { bytes in
            var tokenStart = -1
            var tokenEnd = 0
            var characters = 0
            var ascii = true
            CharacterScan.forEachCharacter(bytes) { first, start, end in
                if CharacterScan.isWordScalar(first) {
                    if tokenStart < 0 {
                        tokenStart = start
                        characters = 0
                        ascii = true
                    }
                    tokenEnd = end
                    characters += 1
                    if end - start > 1 || first.value >= 0x80 { ascii = false }
                } else if tokenStart >= 0 {
                    if characters >= 4 { take(bytes, tokenStart, tokenEnd, ascii: ascii, into: &list) }
                    tokenStart = -1
                }
                return true
            }
            if tokenStart >= 0, characters >= 4 { take(bytes, tokenStart, tokenEnd, ascii: ascii, into: &list) }
        }
        return list
    }

    private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool, into list: inout [Int32]) {
        let token: String
        if ascii {
            token = String(unsafeUninitializedCapacity: end - start) { out in
                for k in 0..<(end - start) {
                    let b = bytes[start + k]
                    out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                return end - start
            }
        } else {
            token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        }
        let number: Int32
        if let known = tokens[token] {
            number = known
        } else {
            number = classify(token)
            tokens[token] = number
        }
        guard number >= 0, lastListedBy[Int(number)] != texts else { return }
        lastListedBy[Int(number)] = texts
        list.append(number)
    }

    private mutating func classify(_ token: String) -> Int32 {
        guard token.count >= 4, !Agreement.stopWords.contains(token) else { return -1 }
        let word = Agreement.stem(token)
        if let known = numbers[word] { return known }
        let number = Int32(words.count)
        words.append(word)
        numbers[word] = number
        lastListedBy.append(0)
        return number
    }
}
