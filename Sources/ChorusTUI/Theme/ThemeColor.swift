/// A colour as a theme file writes it: the terminal's own default, a palette index, or RGB.
///
/// RGB is mapped to the nearest colour the terminal has (256, 16 or 8) when the screen starts,
/// so one theme file works everywhere.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    /// Colour names a theme may use without a palette.
    static let names: [String: ThemeColor] = {
        let basic = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        var names: [String: ThemeColor] = ["default": .terminalDefault, "grey": .indexed(8), "gray": .indexed(8)]
        for (i, name) in basic.enumerated() {
            names[name] = .indexed(i)
            names["bright_" + name] = .indexed(i + 8)
        }
        return names
    }()

    /// Parses a name, "#rrggbb" or "#rgb"; nil when it is none of them.
    static func parse(_ text: String) -> ThemeColor? {
        let lower = text.lowercased()
        if let named = names[lower] { return named }
        guard lower.hasPrefix("#") else { return nil }
        let hex = Array(lower.dropFirst())
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        let digits: [UInt8]
        switch hex.count {
        case 6: digits = stride(from: 0, to: 6, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! }
        case 3: digits = hex.map { UInt8(String([$0, $0]), radix: 16)! }
        default: return nil
        }
        return .rgb(digits[0], digits[1], digits[2])
    }

    /// The xterm RGB of the 16 system colours (what most terminals show by default).
    static let systemRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// The RGB of xterm-256 colour `index`.
    static func rgbOf(index: Int) -> (Int, Int, Int) {
        if index < 16 { return systemRGB[max(0, index)] }
        if index >= 232 {
            let v = 8 + (index - 232) * 10
            return (v, v, v)
        }
        let i = index - 16
        let level = [0, 95, 135, 175, 215, 255]
        return (level[i / 36], level[(i / 6) % 6], level[i % 6])
    }

    /// The curses colour number for a terminal with `colors` colours: -1 for the default.
    public func index(forColors colors: Int) -> Int {
        switch self {
        case .terminalDefault:
            return -1
        case .indexed(let i):
            if i < colors { return i }
            if i < 16 { return i - 8 }  // bright on an 8-colour terminal: the plain one
            return Self.nearest(Self.rgbOf(index: i), among: min(colors, 16))
        case .rgb(let r, let g, let b):
            let rgb = (Int(r), Int(g), Int(b))
            if colors >= 256 { return Self.nearest256(rgb) }
            return Self.nearest(rgb, among: min(colors, 16))
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    static func nearest(_ rgb: (Int, Int, Int), among count: Int) -> Int {
        var candidates = Array(0..<max(1, min(count, 16)))
        // A grey stays a grey (black, white and their bright forms): by plain distance a mid grey
        // would come out yellow.
        if max(rgb.0, rgb.1, rgb.2) - min(rgb.0, rgb.1, rgb.2) < 32 {
            candidates = candidates.filter { [0, 7, 8, 15].contains($0) }
        }
        return candidates.min { distance(systemRGB[$0], rgb) < distance(systemRGB[$1], rgb) } ?? 0
    }

    /// The nearest of the 6x6x6 cube and the grey ramp (not the 16 system colours, whose RGB
    /// each terminal sets differently).
    static func nearest256(_ rgb: (Int, Int, Int)) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let cube = 16 + 36 * level(rgb.0) + 6 * level(rgb.1) + level(rgb.2)
        let average = (rgb.0 + rgb.1 + rgb.2) / 3
        let grey = 232 + max(0, min(23, (average - 8 + 5) / 10))
        return distance(rgbOf(index: grey), rgb) < distance(rgbOf(index: cube), rgb) ? grey : cube
    }
}
