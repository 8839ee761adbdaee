import Foundation
import Testing
@testable import ChorusTUI

@Suite struct ThemeTests {
    static let repositoryThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    /// The bundled copies are what an installed binary uses; themes/ is the source of truth.
    @Test func bundledThemesMatchTheRepositoryFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.repositoryThemes.path)
            .filter { $0.hasSuffix(".toml") }
        let names = Set(files.map { String($0.dropLast(5)) })
        #expect(names == Set(BundledThemes.files.keys), "run scripts/embed-themes.sh")
        for file in files {
            let text = try String(contentsOf: Self.repositoryThemes.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(5))
            #expect(
                BundledThemes.files[name]?.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines),
                "themes/\(file) changed: run scripts/embed-themes.sh")
        }
    }

    @Test func theRequiredThemesExist() {
        for name in ["default", "light", "high-contrast", "mono", "gruvbox", "solarized-dark"] {
            #expect(BundledThemes.files[name] != nil, "\(name)")
        }
    }

    @Test(arguments: Array(BundledThemes.files.keys).sorted())
    func everyBundledThemeLoadsAndSetsEveryRole(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchPaths: [])
        #expect(theme.name == name)
        #expect(!theme.description.isEmpty)
        let text = BundledThemes.files[name]!
        for role in StyleRole.allCases {
            #expect(text.contains("\n\(role.rawValue) = "), "\(name) leaves out \(role.rawValue)")
        }
    }

    @Test func theBuiltInDefaultIsTheBundledDefaultFile() {
        let theme = Theme.builtInDefault
        #expect(theme.name == "default")
        #expect(theme.style(.borderFocused).attributes.contains(.bold))
        #expect(theme.style(.statusFailed).foreground == .rgb(0xd7, 0x5f, 0x5f))
        #expect(theme.style(.border).foreground == .indexed(244))
    }

    @Test func missingRolesFallBackToTheDefault() throws {
        let theme = try Theme.parse(toml: "name = \"tiny\"\n[roles]\nborder = \"red\"\n", name: "tiny", source: "tiny.toml")
        #expect(theme.style(.border) == Style(foreground: .indexed(1)))
        #expect(theme.style(.statusSucceeded) == Theme.builtInDefault.style(.statusSucceeded))
        #expect(theme.description == "")
    }

    @Test func coloursByNameIndexHexAndPalette() throws {
        let toml = """
            [palette]
            brand = "#112233"
            [roles]
            text = { fg = "default", bg = 17 }
            border = { fg = "brand", attrs = ["bold", "underline"] }
            title = "bright_cyan"
            accent = "#abc"
            """
        let theme = try Theme.parse(toml: toml, name: "t", source: "t.toml")
        #expect(theme.style(.text) == Style(foreground: .terminalDefault, background: .indexed(17)))
        #expect(theme.style(.border) == Style(foreground: .rgb(0x11, 0x22, 0x33), attributes: [.bold, .underline]))
        #expect(theme.style(.title).foreground == .indexed(14))
        #expect(theme.style(.accent).foreground == .rgb(0xaa, 0xbb, 0xcc))
        #expect(theme.screenBackground == .indexed(17))
    }

    @Test(arguments: [
        ("[roles]\nboder = \"red\"\n", "roles.boder", "unknown role"),
        ("[roles]\nborder = \"blu\"\n", "roles.border", "'blu' is not a colour"),
        ("[roles]\nborder = { fg = 300 }\n", "roles.border.fg", "300 is outside 0-255"),
        ("[roles]\nborder = { fg = \"red\", weight = 1 }\n", "roles.border.weight", "unknown key"),
        ("[roles]\nborder = { attrs = [\"blink\"] }\n", "roles.border.attrs", "is not one of bold"),
        ("[roles]\nborder = { attrs = \"bold\" }\n", "roles.border.attrs", "must be a list"),
        ("[roles]\nborder = 5\n", "roles.border", "must be a colour or a table"),
        ("colour = 1\n", "colour", "unknown key"),
        ("roles = 3\n", "roles", "must be a table"),
        ("[palette]\nx = \"#12345\"\n", "palette.x", "is not a colour"),
    ] as [(String, String, String)])
    func badThemesNameTheFileTheKeyAndTheProblem(toml: String, key: String, problem: String) {
        #expect {
            try Theme.parse(toml: toml, name: "bad", source: "/home/u/.config/chorus/themes/bad.toml")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.key == key && error.problem.contains(problem)
                && error.description.hasPrefix("theme /home/u/.config/chorus/themes/bad.toml: \(key): ")
        }
    }

    @Test func invalidTomlGivesTheLine() {
        #expect {
            try Theme.parse(toml: "name = \"x\"\n[roles\nborder = 1\n", name: "x", source: "x.toml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("theme x.toml: not valid TOML at line 2")
        }
    }

    @Test func userThemesShadowBundledOnesAndPathsLoadDirectly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "description = \"mine\"\n[roles]\nborder = \"red\"\n".write(to: dir.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "description = \"extra\"\n".write(to: dir.appendingPathComponent("extra.toml"), atomically: true, encoding: .utf8)
        try "[roles\n".write(to: dir.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)

        let light = try Theme.load(nameOrPath: "light", searchPaths: [dir.path])
        #expect(light.description == "mine")
        #expect(light.source == dir.appendingPathComponent("light.toml").path)
        let byPath = try Theme.load(nameOrPath: dir.appendingPathComponent("extra.toml").path, searchPaths: [])
        #expect(byPath.name == "extra")

        let listing = Theme.available(searchPaths: [dir.path])
        #expect(listing.map(\.name) == ["broken", "default", "extra", "gruvbox", "high-contrast", "light", "mono", "solarized-dark"])
        #expect(listing.first { $0.name == "light" }?.source == dir.appendingPathComponent("light.toml").path)
        #expect(listing.first { $0.name == "mono" }?.source == "built-in")
        #expect(listing.first { $0.name == "broken" }?.description.hasPrefix("unusable: theme ") == true)
    }

    @Test func unknownNamesAndMissingFilesSayWhatExists() {
        #expect {
            try Theme.load(nameOrPath: "neon", searchPaths: ["/nonexistent"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("no theme by that name") && text.contains("gruvbox") && text.contains("/nonexistent/neon.toml")
        }
        #expect {
            try Theme.load(nameOrPath: "./nope.toml", searchPaths: [])
        } throws: { error in "\(error)" == "theme ./nope.toml: no such file" }
        #expect {
            try Theme.load(nameOrPath: "bad name!", searchPaths: [])
        } throws: { error in "\(error)".contains("not a theme name") }
    }

    @Test func defaultWorksWithNoFileAnywhere() throws {
        let theme = try Theme.load(nameOrPath: "default", searchPaths: ["/nonexistent"])
        #expect(theme == Theme.builtInDefault)
    }

    @Test func userThemeDirectoryFollowsXDG() {
        #expect(Theme.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/chorus/themes")
        #expect(Theme.userThemeDirectory(environment: ["HOME": "/h"]) == "/h/.config/chorus/themes")
        #expect(Theme.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/chorus/themes")
    }
}

@Suite struct ThemeColorTests {
    @Test func rgbMapsToTheNearest256Colour() {
        #expect(ThemeColor.rgb(0xd7, 0x5f, 0x5f).index(forColors: 256) == 167)
        #expect(ThemeColor.rgb(0, 0, 0).index(forColors: 256) == 16)
        #expect(ThemeColor.rgb(0x80, 0x80, 0x80).index(forColors: 256) == 244)
        #expect(ThemeColor.rgb(0x28, 0x28, 0x28).index(forColors: 256) == 235)
    }

    @Test func eightColourTerminalsGetTheNearestSystemColour() {
        #expect(ThemeColor.rgb(0xd7, 0x5f, 0x5f).index(forColors: 8) == 1)
        #expect(ThemeColor.rgb(0x5f, 0xaf, 0x5f).index(forColors: 8) == 2)
        #expect(ThemeColor.indexed(12).index(forColors: 8) == 4, "bright blue becomes blue")
        #expect(ThemeColor.indexed(244).index(forColors: 16) == 8)
        #expect(ThemeColor.indexed(244).index(forColors: 8) == 7, "a mid grey stays a grey")
        #expect(ThemeColor.rgb(0x28, 0x28, 0x28).index(forColors: 8) == 0)
        #expect(ThemeColor.terminalDefault.index(forColors: 8) == -1)
    }

    @Test func parsingColourNames() {
        #expect(ThemeColor.parse("Bright_Red") == .indexed(9))
        #expect(ThemeColor.parse("grey") == .indexed(8))
        #expect(ThemeColor.parse("#FFF") == .rgb(255, 255, 255))
        #expect(ThemeColor.parse("#gg0000") == nil)
        #expect(ThemeColor.parse("purple") == nil)
    }
}
