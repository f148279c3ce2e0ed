/// One entry of a key map: the keys, the action they send, and the line shown in the help.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String

    public init(_ keys: [Key], _ action: Action, _ help: String) {
        self.keys = keys
        self.action = action
        self.help = help
    }
}

/// An ordered list of key bindings; the first binding holding a key wins. The help overlay lists the
/// same bindings, so the help can never disagree with what the keys do.
public struct KeyMap: Sendable {
    public var title: String
    public var bindings: [KeyBinding]

    public init(title: String, bindings: [KeyBinding]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action for a key, or nil when the key is not bound.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Keys shared by every screen: help, quit.
    public static let global: [KeyBinding] = [
        KeyBinding([.char("?"), .function(1)], .toggleHelp, "show or hide this help"),
        KeyBinding([.escape], .closeOverlay, "close the help"),
        KeyBinding([.char("q"), .char("Q")], .quit, "quit"),
        KeyBinding([.ctrl("c")], .interrupt, "cancel running work, or quit"),
    ]

    /// Keys that switch tabs and open the palette, first in every tab's help.
    public static let tabs: [KeyBinding] = (1...8).map { n in
        KeyBinding([.char(Character(String(n)))], .selectTabNumber(n), "show tab by number")
    } + [
        KeyBinding([.tab], .nextTab, "next tab"),
        KeyBinding([.backTab], .previousTab, "previous tab"),
        KeyBinding([.char(":")], .openPalette, "command palette"),
    ]

    /// Keys shared by every tab of the workspace app: help, back, quit.
    public static let workspaceGlobal: [KeyBinding] = [
        KeyBinding([.char("?"), .function(1)], .toggleHelp, "show or hide this help"),
        KeyBinding([.escape], .back, "close, or previous tab"),
        KeyBinding([.char("T")], .training(.togglePanel), "training progress"),
        KeyBinding([.char("q"), .char("Q")], .quit, "quit"),
        KeyBinding([.ctrl("c")], .interrupt, "cancel work, or quit"),
    ]

    /// Keys of a scrollable document (pager conventions of less/vim).
    public static let scrolling: [KeyBinding] = [
        KeyBinding([.down, .char("j")], .scroll(.lines(1)), "scroll down one line"),
        KeyBinding([.up, .char("k")], .scroll(.lines(-1)), "scroll up one line"),
        KeyBinding([.pageDown, .char(" "), .ctrl("f")], .scroll(.pages(1)), "next page"),
        KeyBinding([.pageUp, .char("b"), .ctrl("b")], .scroll(.pages(-1)), "previous page"),
        KeyBinding([.ctrl("d")], .scroll(.halfPages(1)), "half a page down"),
        KeyBinding([.ctrl("u")], .scroll(.halfPages(-1)), "half a page up"),
        KeyBinding([.char("g"), .home], .scroll(.top), "go to the top"),
        KeyBinding([.char("G"), .end], .scroll(.bottom), "go to the bottom"),
        KeyBinding([.right, .char("l")], .scroll(.columns(8)), "scroll right (wide tables)"),
        KeyBinding([.left, .char("h")], .scroll(.columns(-8)), "scroll left"),
        KeyBinding([.char("0")], .scroll(.lineStart), "back to the first column"),
    ]
}
