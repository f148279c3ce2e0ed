/// The size of the terminal (or of a frame) in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var description: String { "\(width)x\(height)" }

    /// Whether both sides are at least those of `other`.
    public func fits(_ other: TerminalSize) -> Bool { width >= other.width && height >= other.height }
}
