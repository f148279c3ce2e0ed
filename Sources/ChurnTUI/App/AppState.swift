import ChurnKit

/// Everything the screen shows, in one value. Changed only by `reduce`, drawn only by `render`.
public struct AppState: Sendable {
    /// The screens the app can show (the tabs of the full app will join the preview here).
    public enum Screen: Sendable {
        case importPreview(ImportPreviewState)
    }

    /// What is drawn over the screen.
    public enum Overlay: Sendable, Equatable {
        case help
    }

    /// The smallest terminal the layout works in; below it a notice says so.
    public static let minimumSize = TerminalSize(width: 40, height: 10)

    public var size: TerminalSize
    public var screen: Screen
    public var overlay: Overlay?
    /// Set when the app should leave its event loop.
    public var shouldQuit = false
    /// The login name shown in the status bar.
    public var user: String
    /// Borders, bars and marks (Unicode or ASCII).
    public var glyphs: Glyphs
    /// Draw every character as ASCII (the locale cannot show UTF-8).
    public var asciiOnly: Bool
    /// A message for the status bar, cleared by the next key.
    public var message: String?
    /// Whether background work is running (the event loop then polls more often).
    public var isBusy = false

    public init(screen: Screen, size: TerminalSize, user: String, glyphs: Glyphs = .unicode, asciiOnly: Bool = false) {
        self.screen = screen
        self.size = size
        self.user = user
        self.glyphs = glyphs
        self.asciiOnly = asciiOnly
    }

    /// The app opened on the import preview of a profile.
    public static func importPreview(_ profile: DataProfile, size: TerminalSize, user: String,
                                     glyphs: Glyphs = .unicode, asciiOnly: Bool = false) -> AppState {
        let preview = ImportPreviewState(profile: profile, layoutWidth: size.width, glyphs: glyphs)
        return reduce(AppState(screen: .importPreview(preview), size: size, user: user, glyphs: glyphs, asciiOnly: asciiOnly),
                      .resize(size))
    }

    /// The key map of what has focus.
    public var keyMap: KeyMap {
        switch screen {
        case .importPreview: return ImportPreviewState.keyMap
        }
    }
}
