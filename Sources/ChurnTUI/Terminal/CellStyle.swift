/// What a piece of text means on screen; a theme turns each role into colours and attributes.
public enum ColorRole: String, CaseIterable, Sendable {
    /// Ordinary text.
    case text
    /// Secondary text: column kinds, hints, counts.
    case muted
    /// The title bar at the top.
    case title
    /// The line under the title (shape, rows, encoding).
    case subtitle
    /// Section headings in a report.
    case heading
    /// Column headers of a table.
    case tableHeader = "table-header"
    /// Column roles (customer, date, amount...).
    case role
    /// Box borders and rules.
    case border
    /// The status bar at the bottom.
    case statusBar = "status-bar"
    /// Key names shown in the status bar and help.
    case key
    /// Good news: a usable data set, a high quality score.
    case good
    /// Informational findings.
    case info
    /// Warnings.
    case warning
    /// Errors.
    case error
    /// The filled part of a bar.
    case bar
    /// The background of a dialog or overlay.
    case overlay
    /// The selected row or item.
    case selection
}

/// Text attributes a cell may carry on top of its theme colours.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
}

/// The style of one cell: a colour role plus extra attributes.
public struct CellStyle: Hashable, Sendable {
    public var role: ColorRole
    public var attributes: TextAttributes

    public init(_ role: ColorRole = .text, _ attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}
