import CNcursesw

/// The theme turned into curses attributes and colour pairs, once, when the screen starts.
///
/// Colours are resolved for what the terminal has (256, 16 or 8 colours, or none); with
/// `NO_COLOR` or no colour support every role keeps only its attributes (bold, dim, reverse...),
/// which every theme sets so it stays readable without colour.
struct CursesPalette {
    struct Entry {
        var attributes: attr_t
        var pair: Int32
    }

    private(set) var entries: [StyleRole: Entry] = [:]

    /// Call after `start_color()` (when colours are used).
    init(theme: Theme, useColor: Bool, colors: Int) {
        var pairs: [PairKey: Int32] = [:]
        let screenBackground = theme.screenBackground
        for role in StyleRole.allCases {
            let style = theme.style(role)
            var attributes = chorus_a_normal()
            for attribute in style.attributes {
                switch attribute {
                case .bold: attributes |= chorus_a_bold()
                case .dim: attributes |= chorus_a_dim()
                case .reverse: attributes |= chorus_a_reverse()
                case .underline: attributes |= chorus_a_underline()
                case .italic: attributes |= chorus_a_italic()
                }
            }
            var pair: Int32 = 0
            if useColor {
                let key = PairKey(
                    foreground: Int16(style.foreground.index(forColors: colors)),
                    background: Int16((style.background ?? screenBackground).index(forColors: colors)))
                if key.foreground != -1 || key.background != -1 {
                    if let existing = pairs[key] {
                        pair = existing
                    } else if pairs.count + 1 < Int(chorus_color_pairs()) {
                        pair = Int32(pairs.count + 1)
                        init_pair(Int16(pair), key.foreground, key.background)
                        pairs[key] = pair
                    }
                }
            }
            entries[role] = Entry(attributes: attributes, pair: pair)
        }
    }

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    subscript(role: StyleRole) -> Entry { entries[role] ?? Entry(attributes: chorus_a_normal(), pair: 0) }
}
