import ChurnKit

/// What the filter being typed would select, recomputed on every key: nothing typed yet, how many
/// customers match, or the mistake and where it is.
public enum FilterPreview: Sendable, Equatable {
    /// Nothing typed (Enter then clears the filter).
    case empty
    /// The customers' features are not loaded yet, so the expression cannot be checked.
    case needsFeatures
    /// The number of customers that match (with the quick filters applied), and a warning if any.
    case matches(Int, warning: String?)
    case invalid(FilterError)

    /// Checks `text` against `table` and evaluates it: the preview and, when valid, the rows.
    static func evaluate(_ text: String, table: CustomerTable?) -> (preview: FilterPreview, rows: RowSelection?) {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return (.empty, nil) }
        guard let table else { return (.needsFeatures, nil) }
        do {
            let bound = try CustomerFilter(text).bind(to: table)
            let rows = bound.evaluate()
            return (.matches(rows.count, warning: bound.warnings.first?.message), rows)
        } catch let error as FilterError {
            return (.invalid(error), nil)
        } catch {
            return (.invalid(FilterError(expression: text, column: 1, detail: "\(error)")), nil)
        }
    }
}

/// A filter expression in force on the table, with the rows it selects.
public struct AppliedFilter: Sendable, Equatable {
    /// The expression as typed.
    public var text: String
    /// The rows of the scored customers it selects (before the quick filters).
    public var rows: RowSelection
}
