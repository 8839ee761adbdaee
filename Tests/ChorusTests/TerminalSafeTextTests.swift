import Chorus
import Foundation
import Testing

/// The one sanitiser for untrusted text on a terminal (UI and command line), row by row: each
/// row is a control a real model or server can send and what a person sees instead.
@Suite struct TerminalSafeTextTests {
    @Test("escape sequences and controls show as symbols", arguments: [
        ("clear screen", "a\u{1B}[2Jb", "a␛[2Jb"),
        ("OSC 52 clipboard write", "\u{1B}]52;c;cm0gLXJmIH4=\u{07}ok", "␛]52;c;cm0gLXJmIH4=␇ok"),
        ("window title, ST-terminated", "\u{1B}]0;pwned\u{1B}\\x", "␛]0;pwned␛\\x"),
        ("C1 CSI", "\u{9B}2J\u{9B}31m", "\u{FFFD}2J\u{FFFD}31m"),
        ("C1 OSC and ST", "\u{9D}0;t\u{9C}", "\u{FFFD}0;t\u{FFFD}"),
        ("bell", "ding\u{07}", "ding␇"),
        ("backspace overwriting", "safe\u{08}\u{08}\u{08}\u{08}evil", "safe␈␈␈␈evil"),
        ("NUL", "a\u{0}b", "a␀b"),
        ("DEL", "a\u{7F}b", "a␡b"),
        ("unit separator", "a\u{1F}b", "a␟b"),
    ])
    func controls(name: String, raw: String, shown: String) {
        #expect(TerminalSafeText.sanitize(raw) == shown, "\(name)")
        #expect(TerminalSafeText.oneLine(raw) == shown, "\(name)")
    }

    @Test("every bidi control shows as a symbol", arguments: [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ] as [UInt32])
    func bidi(value: UInt32) {
        let scalar = Unicode.Scalar(value)!
        #expect(TerminalSafeText.isDangerous(scalar))
        #expect(TerminalSafeText.sanitize("a\(scalar)b") == "a\u{FFFD}b")
    }

    @Test("a right-to-left override cannot make a path read backwards")
    func overrideAroundAPath() {
        // Stored "/tmp/\u{202E}fdp.exe\u{202C}" shows on a raw terminal as "/tmp/exe.pdf".
        let shown = TerminalSafeText.sanitize("open /tmp/\u{202E}fdp.exe\u{202C} now \u{2066}rm -rf ~\u{2069}")
        #expect(shown == "open /tmp/\u{FFFD}fdp.exe\u{FFFD} now \u{FFFD}rm -rf ~\u{FFFD}")
    }

    @Test("line breaks: kept as newlines or folded to spaces; a lone CR never returns the cursor")
    func lineBreaks() {
        let raw = "a\nb\r\nc\rd\u{2028}e\u{2029}f\u{85}g\u{0B}h\u{0C}i"
        #expect(TerminalSafeText.sanitize(raw) == "a\nb\nc\nd\ne\nf\ng\nh\ni")
        #expect(TerminalSafeText.oneLine(raw) == "a b c d e f g h i")
        #expect(TerminalSafeText.oneLine("rm -rf /\rls") == "rm -rf / ls")
        #expect(TerminalSafeText.sanitize("a\tb") == "a\tb")
    }

    @Test("visible text passes unchanged")
    func visibleText() {
        for text in ["Paris", "東京 👍🏽 café", "e\u{301}", "a\u{200D}b", "❤️", "«»—…", "\u{FFFD}"] {
            #expect(TerminalSafeText.sanitize(text) == text)
        }
    }

    @Test("no dangerous scalar survives, and sanitised text sanitises to itself")
    func nothingDangerousSurvives() {
        var all = String.UnicodeScalarView()
        for v in UInt32(0)...0x2FF { all.append(Unicode.Scalar(v)!) }
        for v in TerminalSafeText.bidiControls { all.append(Unicode.Scalar(v)!) }
        let raw = String(all)
        for keep in [true, false] {
            let shown = TerminalSafeText.sanitize(raw, keepNewlines: keep)
            let left = shown.unicodeScalars.filter { TerminalSafeText.isDangerous($0) && $0 != "\n" && $0 != "\t" }
            #expect(left.isEmpty, "left: \(left.map { String($0.value, radix: 16) })")
            if !keep { #expect(!shown.contains("\n")) }
            #expect(TerminalSafeText.sanitize(shown, keepNewlines: keep) == shown)
        }
    }

    @Test("JSON at a terminal: controls escaped, the value unchanged")
    func jsonEscapes() throws {
        let value = "x\u{202E}fdp.exe\u{202C}\u{2066}y\u{2069}\u{9B}2J\u{7F}\u{1B}[0m"
        let json = String(decoding: try JSONEncoder().encode(["output": value]), as: UTF8.self)
        #expect(json.unicodeScalars.contains("\u{202E}"), "the encoder leaves bidi controls raw")
        let safe = TerminalSafeText.escapingInJSON(json)
        #expect(!safe.unicodeScalars.contains(where: TerminalSafeText.isDangerous))
        #expect(safe.contains("\\u202e") && safe.contains("\\u009b") && safe.contains("\\u007f"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(decoded["output"] == value)
        let plain = "{\n\t\"a\": \"東京 👍🏽\"\n}"
        #expect(TerminalSafeText.escapingInJSON(plain) == plain)
    }
}
