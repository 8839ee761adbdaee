import Foundation
import Testing
@testable import ChorusTUI

/// Contrast of theme colours, by WCAG 2.1's formula (relative luminance, then
/// (L1 + 0.05) / (L2 + 0.05); https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). 4.5:1 is its
/// minimum for text (success criterion 1.4.3).
@Suite struct ThemeContrastTests {
    /// The RGB colours a theme colour can show as: an RGB value as written and as a 256-colour
    /// terminal shows it (the nearest of its cube and ramp); a palette index as xterm shows it;
    /// the terminal's default as black and as white (the theme does not know which).
    static func shown(_ color: ThemeColor) -> [(Int, Int, Int)] {
        switch color {
        case .terminalDefault: [(0, 0, 0), (255, 255, 255)]
        case .indexed(let i): [ThemeColor.rgbOf(index: i)]
        case .rgb(let r, let g, let b):
            [(Int(r), Int(g), Int(b)), ThemeColor.rgbOf(index: ThemeColor.nearest256((Int(r), Int(g), Int(b))))]
        }
    }

    static func luminance(_ rgb: (Int, Int, Int)) -> Double {
        func channel(_ v: Int) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }

    static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    @Test func theFormulaMatchesWCAGsExamples() {
        #expect(abs(Self.contrast((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(abs(Self.contrast((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54) < 0.01)
    }

    /// The reasoning is dimmer than the answer, never unreadable: at least 4.5:1 on the theme's
    /// background in every bundled theme that has colours (mono has none: it uses attributes).
    /// The light theme is for light backgrounds, so it is judged on white only.
    @Test(arguments: Array(BundledThemes.files.keys).sorted())
    func reasoningIsReadableOnTheThemesBackground(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchPaths: [])
        let style = theme.style(.reasoning)
        #expect(style != theme.style(.text), "\(name): reasoning must look unlike the answer")
        guard style.foreground != .terminalDefault else {
            #expect(!style.attributes.isEmpty, "\(name): without a colour the reasoning needs an attribute")
            return
        }
        var backgrounds = Self.shown(style.background ?? theme.screenBackground)
        if name == "light" && theme.screenBackground == .terminalDefault { backgrounds = [(255, 255, 255)] }
        for fg in Self.shown(style.foreground) {
            for bg in backgrounds {
                let ratio = Self.contrast(fg, bg)
                #expect(ratio >= 4.5, "\(name): reasoning \(fg) on \(bg) is \(ratio):1")
            }
        }
    }

    /// The background each bundled theme is made for, where its text role leaves it to the
    /// terminal (`bg = "default"`): README's theme table says the same. A theme added to themes/
    /// must say which background it is for here, or this fails.
    static let namedBackground: [String: (Int, Int, Int)] = [
        "default": (0, 0, 0),  // the terminal's own background, dark (use `light` on a light one)
        "light": (255, 255, 255),
        "high-contrast": (0, 0, 0),
    ]

    /// Every role's text colour on the background it is drawn on, at least 4.5:1 (WCAG 2.x, SC
    /// 1.4.3; luminance and ratio as above), in every bundled theme with colours: the colour as
    /// written and as a 256-colour terminal shows it (xterm's palette: the 6x6x6 cube at levels 0,
    /// 95, 135, 175, 215, 255 and the grey ramp 8 + 10n; `ThemeColor.rgbOf`). The terminal's own
    /// text colour is its own business (it is made for its background) and is skipped; mono has
    /// no colours at all (attributes only) and is checked to have none.
    @Test(arguments: Array(BundledThemes.files.keys).sorted())
    func everyRoleIsReadableOnTheBackgroundTheThemeNames(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchPaths: [])
        if name == "mono" {
            for role in StyleRole.allCases {
                #expect(theme.style(role).foreground == .terminalDefault, "mono: \(role.rawValue) has a colour")
            }
            return
        }
        let screen: [(Int, Int, Int)]
        if theme.screenBackground == .terminalDefault {
            let named = try #require(Self.namedBackground[name], "\(name): say which background the theme is for")
            screen = [named]
        } else {
            screen = Self.shown(theme.screenBackground)
        }
        var failures: [String] = []
        for role in StyleRole.allCases {
            let style = theme.style(role)
            guard style.foreground != .terminalDefault else { continue }
            let backgrounds = style.background.map(Self.shown) ?? screen
            for fg in Self.shown(style.foreground) {
                for bg in backgrounds {
                    let ratio = Self.contrast(fg, bg)
                    if ratio < 4.5 {
                        failures.append("\(role.rawValue) \(fg) on \(bg) is \((ratio * 100).rounded() / 100):1")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(name): \(failures.joined(separator: "; "))")
    }

    /// The two cases issue 14 measured, so the check above is known to catch them.
    @Test func theMeasuredFailuresAreBelowTheLine() {
        #expect(Self.contrast(ThemeColor.rgbOf(index: 248), (255, 255, 255)) < 2.5, "light's old border, 248 on white")
        #expect(Self.contrast(ThemeColor.rgbOf(index: 250), (255, 255, 255)) < 2.0, "default's old title on white")
        #expect(Self.contrast(ThemeColor.rgbOf(index: 242), (255, 255, 255)) > 4.5)
    }
}
