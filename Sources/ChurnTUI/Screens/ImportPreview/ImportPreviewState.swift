import ChurnKit

/// The state of the import preview screen: the profile being shown and where the view is.
public struct ImportPreviewState: Sendable {
    public var profile: DataProfile
    public var document: PreviewDocument
    public var scroll = ScrollPosition()

    public init(profile: DataProfile, layoutWidth: Int, glyphs: Glyphs) {
        self.profile = profile
        document = PreviewDocument(profile: profile, layoutWidth: layoutWidth, glyphs: glyphs)
    }

    /// The keys of this screen, in the order the help lists them.
    public static let keyMap = KeyMap(title: "Import preview", bindings: KeyMap.scrolling + KeyMap.global)

    /// The lines and columns the document body gets in a terminal of `size`.
    public static func viewport(in size: TerminalSize) -> TerminalSize {
        TerminalSize(width: size.width, height: size.height - ImportPreviewView.headerHeight - 1)
    }

    /// Applies an action meant for this screen.
    public func reduced(_ action: Action, size: TerminalSize, glyphs: Glyphs) -> ImportPreviewState {
        var next = self
        let content = { (doc: PreviewDocument) in TerminalSize(width: doc.width, height: doc.lines.count) }
        switch action {
        case .scroll(let move):
            next.scroll = scroll.moved(move, content: content(document), viewport: Self.viewport(in: size))
        case .resize(let newSize):
            if newSize.width != document.layoutWidth {
                next.document = PreviewDocument(profile: profile, layoutWidth: newSize.width, glyphs: glyphs)
            }
            next.scroll = scroll.clamped(content: content(next.document), viewport: Self.viewport(in: newSize))
        default:
            break
        }
        return next
    }
}
