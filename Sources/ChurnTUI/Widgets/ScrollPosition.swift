/// Where a scrollable view starts: its first visible line and column, kept inside the content.
public struct ScrollPosition: Equatable, Sendable {
    public var top: Int = 0
    public var left: Int = 0

    public init(top: Int = 0, left: Int = 0) {
        self.top = top
        self.left = left
    }

    /// The position after a move, clamped so the view never scrolls past the content.
    ///
    /// - Parameters:
    ///   - content: lines and columns of the content.
    ///   - viewport: visible lines and columns.
    public func moved(_ move: ScrollMove, content: TerminalSize, viewport: TerminalSize) -> ScrollPosition {
        let page = max(1, viewport.height - 1)
        var next = self
        switch move {
        case .lines(let n): next.top += n
        case .pages(let n): next.top += n * page
        case .halfPages(let n): next.top += n * max(1, viewport.height / 2)
        case .top: next.top = 0
        case .bottom: next.top = .max / 2
        case .columns(let n): next.left += n
        case .lineStart: next.left = 0
        }
        return next.clamped(content: content, viewport: viewport)
    }

    /// The position kept inside the content (e.g. after a resize).
    public func clamped(content: TerminalSize, viewport: TerminalSize) -> ScrollPosition {
        ScrollPosition(top: min(max(0, top), max(0, content.height - viewport.height)),
                       left: min(max(0, left), max(0, content.width - viewport.width)))
    }
}
