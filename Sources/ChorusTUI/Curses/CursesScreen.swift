import CNcursesw
import Foundation

/// The only code that calls curses. Used from one thread (the UI thread) only.
///
/// It starts the screen with `newterm` (which, unlike `initscr`, reports an unknown terminal
/// instead of exiting the process), reads keys without blocking, and copies frames to the
/// terminal writing only the cells that changed since the previous frame; curses then sends only
/// what differs from what the terminal already shows.
final class CursesScreen {
    enum StartError: Error, CustomStringConvertible {
        case noTerminal(String)
        var description: String {
            switch self {
            case .noTerminal(let type):
                "cannot start the terminal UI: the terminal type '\(type)' is unknown here; set TERM (e.g. TERM=xterm-256color) or use `chorus run` for plain output"
            }
        }
    }

    private var screen: OpaquePointer?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var palette: CursesPalette
    private var previous: CellGrid?
    private var ended = false
    /// Text between the terminal's paste markers, while a paste is arriving (it may span reads).
    private var pasting: String?
    /// Key codes past curses' own for the paste markers (`define_key`).
    static var pasteBeginCode: Int32 { chorus_key_max() + 1 }
    static var pasteEndCode: Int32 { chorus_key_max() + 2 }
    /// See `TerminalUI.Options.diffFrames`.
    var diffFrames = true
    /// Cells handed to curses, for the benchmark.
    private(set) var cellsWritten = 0
    let inputDescriptor: Int32

    init(streams: TerminalStreams, theme: Theme, noColor: Bool) throws {
        DisplayWidth.prepareLocale()
        let type: String
        var size: (width: Int, height: Int)?
        switch streams {
        case .standard:
            type = ProcessInfo.processInfo.environment["TERM"] ?? "dumb"
            // With the task piped in (`echo task | chorus`), keys come from the terminal itself.
            let input = isatty(STDIN_FILENO) == 1 ? dup(STDIN_FILENO) : open("/dev/tty", O_RDONLY | O_CLOEXEC)
            inputDescriptor = input
            inputFile = input >= 0 ? fdopen(input, "r") : nil
            outputFile = fdopen(dup(STDOUT_FILENO), "w")
        case .custom(let input, let output, let terminalType, let width, let height):
            type = terminalType
            let copy = dup(input)
            inputDescriptor = copy
            inputFile = fdopen(copy, "r")
            outputFile = fdopen(dup(output), "w")
            size = (width, height)
        }
        guard let inputFile, let outputFile, let screen = newterm(type, outputFile, inputFile) else {
            if let inputFile = self.inputFile { fclose(inputFile) }
            if let outputFile = self.outputFile { fclose(outputFile) }
            throw StartError.noTerminal(type)
        }
        self.screen = screen
        set_term(screen)
        if let size { resizeterm(Int32(size.height), Int32(size.width)) }
        raw()  // Ctrl-C arrives as a key, and no flow control (Ctrl-S) can freeze the screen
        noecho()
        nonl()
        keypad(chorus_stdscr(), true)
        nodelay(chorus_stdscr(), true)
        leaveok(chorus_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        Self.defineExtraKeys()
        // Pasted text is marked, so it is never read as keys (a pasted `q` must not quit).
        fputs(TerminalKeySequences.enablePaste, outputFile)
        fflush(outputFile)
        let useColor = !noColor && has_colors()
        if useColor {
            start_color()
            use_default_colors()
        }
        palette = CursesPalette(theme: theme, useColor: useColor, colors: useColor ? Int(chorus_colors()) : 0)
    }

    /// Writes `sequence` to the terminal as is, between frames (an OSC 52 copy): it neither moves
    /// the cursor nor draws, so curses' idea of the screen stays true.
    func writeControl(_ sequence: String) {
        guard let outputFile else { return }
        fflush(outputFile)
        fputs(sequence, outputFile)
        fflush(outputFile)
    }

    /// Teaches curses the Home/End sequences the terminfo entry may lack, and the paste markers.
    static func defineExtraKeys() {
        for sequence in TerminalKeySequences.home { define_key(sequence, chorus_key_home()) }
        for sequence in TerminalKeySequences.end { define_key(sequence, chorus_key_end()) }
        define_key(TerminalKeySequences.pasteBegin, pasteBeginCode)
        define_key(TerminalKeySequences.pasteEnd, pasteEndCode)
    }

    var size: (width: Int, height: Int) {
        (Int(max(0, getmaxx(chorus_stdscr()))), Int(max(0, getmaxy(chorus_stdscr()))))
    }

    /// Keys waiting now (never blocks). A resize comes back as `nil` in `resized`.
    func readKeys() -> (keys: [Key], resized: Bool) {
        var keys: [Key] = []
        var resized = false
        var wch: wint_t = 0
        while true {
            let result = wget_wch(chorus_stdscr(), &wch)
            if result == chorus_err() { break }
            if result == chorus_key_code_yes() {
                let code = Int32(wch)
                if code == Self.pasteBeginCode {
                    pasting = pasting ?? ""
                } else if code == Self.pasteEndCode {
                    if let text = pasting { keys.append(.paste(TerminalKeySequences.normalizePasted(text))) }
                    pasting = nil
                } else if code == chorus_key_resize() {
                    resized = true
                } else if pasting != nil {
                    // A function key inside a paste is not text; only Enter keeps its line break.
                    if code == chorus_key_enter() { pasting?.append("\n") }
                } else if let key = Self.functionKey(code) {
                    keys.append(key)
                }
            } else if pasting != nil {
                if let scalar = Unicode.Scalar(UInt32(wch)) { pasting?.unicodeScalars.append(scalar) }
            } else if let key = Self.characterKey(UInt32(wch)) {
                keys.append(key)
            }
        }
        return (keys, resized)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case chorus_key_up(): .up
        case chorus_key_down(): .down
        case chorus_key_left(): .left
        case chorus_key_right(): .right
        case chorus_key_btab(): .backTab
        case chorus_key_ppage(): .pageUp
        case chorus_key_npage(): .pageDown
        case chorus_key_home(): .home
        case chorus_key_end(): .end
        case chorus_key_enter(): .enter
        case chorus_key_backspace(): .backspace
        default: nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    /// Copies `grid` to the terminal: only cells that differ from the previous frame go to
    /// curses, and one `doupdate` sends them.
    func draw(_ grid: CellGrid) {
        let window = chorus_stdscr()
        let full: Bool
        if diffFrames, let previous, previous.width == grid.width, previous.height == grid.height {
            full = false
        } else {
            if previous?.width != grid.width || previous?.height != grid.height { werase(window) }
            full = true
        }
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(8)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell {
                    // Same cell; but a wide character right of it may need its second half redrawn.
                    if cell.width != 2 || previous[x + 1, y] == grid[x + 1, y] { continue }
                }
                put(cell, x: x, y: y, window: window, scalars: &scalars)
            }
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?, scalars: inout [wchar_t]) {
        // The base scalar and its combining marks only: variation selectors and joiners would make
        // the terminal's idea of the width differ from ours, so they stay out (SafeText already
        // measured the cluster as the rule says).
        scalars.removeAll(keepingCapacity: true)
        var baseWidth = 1
        for scalar in cell.character.unicodeScalars {
            if scalars.isEmpty {
                scalars.append(wchar_t(bitPattern: scalar.value))
                baseWidth = max(1, DisplayWidth.scalarWidth(scalar))
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                if scalars.count < 5 { scalars.append(wchar_t(bitPattern: scalar.value)) }
            default:
                break
            }
        }
        let style = palette[cell.role]
        _ = scalars.withUnsafeBufferPointer { buffer in
            chorus_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), style.attributes, style.pair)
        }
        cellsWritten += 1
        if Int(cell.width) == 2 && baseWidth < 2 {
            // What we send is narrower than the cell (e.g. the first half of a flag): pad it.
            let space: [wchar_t] = [32]
            _ = space.withUnsafeBufferPointer { buffer in
                chorus_put_cell(window, Int32(y), Int32(x + 1), buffer.baseAddress, 1, style.attributes, style.pair)
            }
        }
    }

    /// Forces the next frame to rewrite every cell (after a resize).
    func invalidate() {
        previous = nil
    }

    /// Gives the terminal back as it was. Safe to call twice.
    ///
    /// The alternate screen is cleared before curses leaves it. Why: tmux (3.3a here), when the
    /// window grew while the alternate screen was on, resizes the alternate grid to the saved
    /// size and back with reflow as it leaves, and lines drawn to the last column come back onto
    /// the normal screen: the last UI frame stayed above the printed answer (3 of 3 tries).
    /// An empty alternate screen has nothing to leak (found with `capture-pane -p` after quit and
    /// reproduced with plain `printf`s: full-width lines leak, a cleared screen does not).
    func end() {
        guard !ended else { return }
        ended = true
        if screen != nil {
            wclear(chorus_stdscr())
            wrefresh(chorus_stdscr())
            if let outputFile {
                fputs(TerminalKeySequences.disablePaste, outputFile)
                fflush(outputFile)
            }
        }
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        if let outputFile { fflush(outputFile); fclose(outputFile) }
        if let inputFile { fclose(inputFile) }
        outputFile = nil
        inputFile = nil
    }

    deinit { end() }
}
