@preconcurrency import CNcursesw
import Foundation

/// The thin ncurses backend: opens the terminal with `newterm`, sets colours from a theme, copies
/// frames to the screen (only the cells that changed, then one `doupdate`), reads keys, and restores
/// the terminal on `close()`.
///
/// ncurses is not thread-safe: create, use and close an instance on one thread only.
public final class CursesTerminal {
    /// Whether the locale can show UTF-8 (otherwise everything is drawn as ASCII).
    public let unicode: Bool
    /// Whether colours are in use.
    public let colors: Bool
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var theme: Theme
    /// Colour pair and attribute bits per role.
    private var roleAttributes: [ColorRole: (pair: Int16, attributes: attr_t)] = [:]
    /// The frame on screen, to send only what changed.
    private var shown: Frame?
    private var closed = false
    /// Bytes of `outputFile` are counted for benchmarks.
    private let output: UnsafeMutablePointer<FILE>

    /// Opens the terminal named by `TERM` on standard input/output.
    ///
    /// - Throws: `TerminalError` when stdin/stdout are not terminals or TERM is unset or unknown.
    public init(options: TerminalOptions, theme requested: Theme,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard output") }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError.cannotOpen(term: term, reason: "TERM is not set") }

        setlocale(LC_ALL, "")
        var utf8 = Self.codesetIsUTF8()
        if !utf8 {
            // Keep the wide-character API working, but draw only ASCII: the terminal may not decode UTF-8.
            setlocale(LC_CTYPE, "C.UTF-8")
            utf8 = false
        }
        unicode = utf8

        guard let out = fdopen(dup(STDOUT_FILENO), "w"), let input = fdopen(dup(STDIN_FILENO), "r") else {
            throw TerminalError.cannotOpen(term: term, reason: String(cString: strerror(errno)))
        }
        output = out
        guard let screen = newterm(term, out, input) else {
            fclose(out)
            fclose(input)
            throw TerminalError.cannotOpen(term: term, reason: "it is not in the terminfo database (install ncurses-term, or choose another TERM)")
        }
        self.screen = screen
        set_term(screen)
        guard let window = churn_stdscr() else {
            endwin()
            throw TerminalError.cannotOpen(term: term, reason: "no screen window")
        }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        leaveok(window, true)
        curs_set(0)
        churn_set_escdelay(25)
        if options.mouse {
            mousemask(churn_button1_clicked() | churn_wheel_up() | churn_wheel_down(), nil)
        }

        let wantColor = options.color && has_colors()
        theme = wantColor ? requested : ThemeLoader.monochrome
        colors = wantColor
        if wantColor {
            start_color()
            use_default_colors()
        }
        setUpRoles()
    }

    deinit { close() }

    /// The terminal's current size.
    public var size: TerminalSize {
        TerminalSize(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Draws with `theme` from now on (the monochrome theme when colours are off): the colour pairs
    /// are set again and the next `draw` repaints every cell.
    public func apply(theme requested: Theme) {
        guard !closed else { return }
        theme = colors ? requested : ThemeLoader.monochrome
        roleAttributes.removeAll()
        setUpRoles()
        shown = nil
        werase(window)
    }

    /// Restores the terminal (cursor, echo, the normal screen). Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        fflush(output)
        delscreen(screen)
    }

    /// Copies a frame to the screen: only cells that differ from the frame shown before are written,
    /// then `doupdate` sends the changes.
    public func draw(_ frame: Frame) {
        if let shown, shown.size != frame.size { werase(window); self.shown = nil }
        let previous = shown
        var cc = cchar_t()
        for y in 0..<frame.height {
            var x = 0
            while x < frame.width {
                let cell = frame[x, y]
                defer { x += 1 }
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell,
                   DisplayWidth.of(cell.character) < 2 || previous[x + 1, y] == frame[x + 1, y] { continue }
                let (pair, attributes) = roleAttributes[cell.style.role] ?? (0, 0)
                let attrs = attributes | Self.attributeBits(cell.style.attributes)
                var scalars = Array(cell.character.unicodeScalars.prefix(4)).map { wchar_t(bitPattern: $0.value) }
                let expected = DisplayWidth.of(cell.character)
                if let first = cell.character.unicodeScalars.first, first.value >= 0x80,
                   Int(wcwidth(wchar_t(bitPattern: first.value))) != expected {
                    // The C library measures this character differently: draw a stand-in that keeps columns aligned.
                    scalars = [wchar_t(UInt8(ascii: "?"))]
                    if expected == 2, x + 1 < frame.width {
                        var space = cchar_t()
                        var blank: [wchar_t] = [32, 0]
                        setcchar(&space, &blank, attrs, pair, nil)
                        mvwadd_wch(window, Int32(y), Int32(x + 1), &space)
                    }
                }
                scalars.append(0)
                setcchar(&cc, &scalars, attrs, pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
            }
        }
        wnoutrefresh(window)
        doupdate()
        shown = frame
    }

    /// Waits up to `timeout` milliseconds (negative: forever) for a key; nil when none came or the
    /// key is not one churn uses.
    public func readKey(timeout: Int32) -> Key? {
        wtimeout(window, timeout)
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            if Int32(ch) == KEY_MOUSE { return mouseKey() }
            return Self.functionKey(Int32(ch))
        }
        switch ch {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 0: return nil
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let scalar = Unicode.Scalar(ch) else { return nil }
            return .char(Character(scalar))
        }
    }

    // MARK: Private

    /// A mouse event as a key: a left click at its cell, the wheel as arrow keys.
    private func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        if state & churn_button1_clicked() != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
        if state & churn_wheel_up() != 0 { return .up }
        if state & churn_wheel_down() != 0 { return .down }
        return nil
    }

    private func setUpRoles() {
        let colorCount = Int(churn_colors())
        for (index, role) in ColorRole.allCases.enumerated() {
            let style = theme.style(for: role)
            var pair: Int16 = 0
            if colors, style.foreground != .terminalDefault || style.background != .terminalDefault {
                pair = Int16(index + 1)
                init_pair(pair, Self.curses(style.foreground, colorCount), Self.curses(style.background, colorCount))
            }
            roleAttributes[role] = (pair, Self.attributeBits(style.attributes))
        }
    }

    /// A theme colour as a curses colour number (-1 is the default), mapped down for small palettes.
    static func curses(_ color: ThemeColor, _ available: Int) -> Int16 {
        guard case .index(let n) = color else { return -1 }
        if n < available { return Int16(n) }
        return Int16(Self.basicColor(n))
    }

    /// The nearest of the 8 basic colours for a 256-palette index.
    static func basicColor(_ n: Int) -> Int {
        switch n {
        case 0..<8: return n
        case 8: return 7
        case 9..<16: return n - 8
        case 16..<232:
            let v = n - 16
            let r = v / 36, g = v / 6 % 6, b = v % 6
            let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
            return bits == 0 && (r + g + b) > 3 ? 7 : bits
        default:
            return n >= 244 ? 7 : 0
        }
    }

    static func attributeBits(_ attributes: TextAttributes) -> attr_t {
        var bits: attr_t = 0
        if attributes.contains(.bold) { bits |= churn_a_bold() }
        if attributes.contains(.dim) { bits |= churn_a_dim() }
        if attributes.contains(.reverse) { bits |= churn_a_reverse() }
        if attributes.contains(.underline) { bits |= churn_a_underline() }
        return bits
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    private static func codesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
