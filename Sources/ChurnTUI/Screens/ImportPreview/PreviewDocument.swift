import ChurnKit

/// The body of the import preview as lines: the first rows with column kinds and roles, the detected
/// shape, the column profile, the checks, and the class balance or date span.
///
/// Built once per profile and width (only check messages wrap); drawing shows only the visible lines.
public struct PreviewDocument: Equatable, Sendable {
    public var lines: [StyledLine]
    /// The widest line, for horizontal scrolling.
    public var width: Int
    /// The width the document was laid out for.
    public var layoutWidth: Int

    /// The widest a preview cell may be before it is cut with an ellipsis.
    static let maxCellWidth = 24
    /// The indent of everything under a heading (headings start at column 1, under the title).
    static let indent = 3

    /// - Parameter horizon: for a transaction log, the candidate horizons and the one chosen (a
    ///   CHURN HORIZON section lists each with the churn rate it gives).
    public init(profile: DataProfile, layoutWidth: Int, glyphs: Glyphs, horizon: HorizonChoice? = nil) {
        var builder = Builder(glyphs: glyphs, layoutWidth: max(40, layoutWidth))
        builder.previewSection(profile)
        builder.shapeSection(profile)
        if let horizon { builder.horizonSection(horizon) }
        builder.columnsSection(profile)
        builder.checksSection(profile)
        builder.outcomeSection(profile)
        builder.countsSection(profile)
        lines = builder.lines
        width = lines.map(\.width).max() ?? 0
        self.layoutWidth = layoutWidth
    }

    /// Accumulates lines section by section.
    private struct Builder {
        let glyphs: Glyphs
        let layoutWidth: Int
        var lines: [StyledLine] = []

        init(glyphs: Glyphs, layoutWidth: Int) {
            self.glyphs = glyphs
            self.layoutWidth = layoutWidth
        }

        mutating func heading(_ title: String, _ detail: String = "") {
            if !lines.isEmpty { lines.append(StyledLine()) }
            var line = StyledLine(" ")
            line.append(title, CellStyle(.heading))
            if !detail.isEmpty { line.append("  " + detail, CellStyle(.muted)) }
            lines.append(line)
        }

        func indented() -> StyledLine { StyledLine(String(repeating: " ", count: PreviewDocument.indent)) }

        // MARK: Preview of the first rows

        mutating func previewSection(_ profile: DataProfile) {
            guard let header = profile.preview.first else {
                heading("PREVIEW", "no rows")
                return
            }
            let rows = profile.preview.dropFirst()
            heading("PREVIEW", "first \(NumberText.count(rows.count)) of \(NumberText.count(profile.rows)) rows")
            let columns = header.indices.map { index -> ColumnProfile? in
                if index < profile.columns.count, profile.columns[index].name == header[index] { return profile.columns[index] }
                return profile.columns.first { $0.name == header[index] }
            }
            let widths = header.indices.map { index -> Int in
                var w = DisplayWidth.of(TextSanitizer.sanitize(header[index]))
                if let column = columns[index] {
                    w = max(w, DisplayWidth.of(column.kind.rawValue), DisplayWidth.of(column.role?.rawValue ?? ""))
                }
                for row in rows where index < row.count {
                    w = max(w, DisplayWidth.of(TextSanitizer.sanitize(row[index])))
                }
                return min(PreviewDocument.maxCellWidth, max(1, w))
            }
            func row(_ cells: (Int) -> (String, CellStyle), rightAlign: Bool) -> StyledLine {
                var line = indented()
                for index in header.indices {
                    if index > 0 { line.append("  ") }
                    let (text, style) = cells(index)
                    let kind = columns[index]?.kind
                    let numeric = rightAlign && (kind == .integer || kind == .decimal)
                    line.append(text, style, width: widths[index], alignRight: numeric)
                }
                return line
            }
            lines.append(row({ (header[$0], CellStyle(.tableHeader, [.bold])) }, rightAlign: false))
            lines.append(row({ (columns[$0]?.kind.rawValue ?? "", CellStyle(.muted)) }, rightAlign: false))
            if columns.contains(where: { $0?.role != nil }) {
                lines.append(row({ (columns[$0]?.role.map { $0.rawValue } ?? "", CellStyle(.role)) }, rightAlign: false))
            }
            lines.append(row({ (String(repeating: glyphs.horizontal, count: widths[$0]), CellStyle(.border)) }, rightAlign: false))
            for values in rows {
                lines.append(row({ ($0 < values.count ? values[$0] : "", CellStyle(.text)) }, rightAlign: true))
            }
        }

        // MARK: Shape and roles

        mutating func shapeSection(_ profile: DataProfile) {
            heading("SHAPE", profile.shape == .transactions ? "transaction log" : "customer table")
            for text in TextFit.wrap(profile.shapeReason, width: layoutWidth - PreviewDocument.indent - 1) {
                var line = indented()
                line.append(text)
                lines.append(line)
            }
            var roles = indented()
            roles.append("roles  ", CellStyle(.muted))
            let ordered = ColumnRole.allCases.compactMap { role in profile.roles[role.rawValue].map { (role.rawValue, $0) } }
            if ordered.isEmpty { roles.append("none detected", CellStyle(.warning)) }
            for (i, (role, column)) in ordered.enumerated() {
                if i > 0 { roles.append("   ") }
                roles.append(role, CellStyle(.role))
                roles.append(" = ", CellStyle(.muted))
                roles.append(column)
            }
            lines.append(roles)
            var source = indented()
            source.append("read   ", CellStyle(.muted))
            let delimiter = profile.delimiter == "\t" ? "tab" : "\"\(profile.delimiter)\""
            source.append("\(profile.encoding), \(delimiter) delimited, \(NumberText.count(profile.rows)) rows, \(profile.columns.count) columns")
            lines.append(source)
        }

        // MARK: Churn horizon

        mutating func horizonSection(_ choice: HorizonChoice) {
            let advice = choice.advice
            heading("CHURN HORIZON", "no purchase within H days after the cutoff counts as churn; < > choose")
            if advice.candidates.isEmpty {
                var line = indented()
                line.append("the data span is too short for any candidate horizon", CellStyle(.warning))
                lines.append(line)
            } else {
                var head = indented()
                head.append("  ")
                head.append("horizon", CellStyle(.tableHeader, [.bold]), width: 9, alignRight: true)
                head.append("  ")
                head.append("cutoff", CellStyle(.tableHeader, [.bold]), width: 10)
                head.append("  ")
                head.append("customers", CellStyle(.tableHeader, [.bold]), width: 10, alignRight: true)
                head.append("  ")
                head.append("churn rate", CellStyle(.tableHeader, [.bold]), width: 10, alignRight: true)
                lines.append(head)
                for candidate in advice.candidates {
                    let chosen = candidate.horizonDays == choice.chosenDays
                    var line = indented()
                    line.append(chosen ? glyphs.right + " " : "  ", CellStyle(.key, [.bold]))
                    let style = CellStyle(chosen ? .text : .muted, chosen ? [.bold] : [])
                    line.append("\(candidate.horizonDays) days", style, width: 9, alignRight: true)
                    line.append("  ")
                    line.append(candidate.cutoff, style, width: 10)
                    line.append("  ")
                    line.append(NumberText.count(candidate.customers), style, width: 10, alignRight: true)
                    line.append("  ")
                    line.append(NumberText.percent(candidate.churnRate), style, width: 10, alignRight: true)
                    line.append("  ")
                    let bar = glyphs.bar(fraction: candidate.churnRate, width: 20)
                    line.append(bar.filled, CellStyle(.warning))
                    line.append(bar.empty, CellStyle(.border))
                    if candidate.horizonDays == advice.suggestedDays { line.append("  suggested", CellStyle(.good)) }
                    lines.append(line)
                }
            }
            for text in TextFit.wrap(advice.rule, width: layoutWidth - PreviewDocument.indent - 1) {
                var line = indented()
                line.append(text, CellStyle(.muted))
                lines.append(line)
            }
        }

        // MARK: Column profile

        mutating func columnsSection(_ profile: DataProfile) {
            heading("COLUMNS", "\(profile.columns.count)")
            let header = ["#", "column", "kind", "role", "missing", "distinct", "min", "mean", "max", "outliers", "format / examples"]
            let right: Set<Int> = [0, 4, 5, 6, 7, 8, 9]
            let table: [[String]] = profile.columns.enumerated().map { index, column in
                let missing = column.missing == 0 ? "0"
                    : "\(NumberText.count(column.missing)) (\(NumberText.percent(column.missingRate)))"
                let outliers = column.outliersIQR.map { NumberText.count($0) } ?? ""
                var notes = column.format.map { $0 + "; " } ?? ""
                notes += column.examples.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
                return [String(index + 1), column.name, column.kind.rawValue, column.role?.rawValue ?? "", missing,
                        NumberText.count(column.distinct), column.min.map { NumberText.value($0) } ?? "",
                        column.mean.map { NumberText.value($0) } ?? "", column.max.map { NumberText.value($0) } ?? "",
                        outliers, notes]
            }
            let caps = [4, 24, 11, 8, 16, 9, 12, 12, 12, 8, 48]
            let widths = header.indices.map { c in
                min(caps[c], ([header[c]] + table.map { $0[c] }).map { DisplayWidth.of(TextSanitizer.sanitize($0)) }.max() ?? 1)
            }
            var head = indented()
            for c in header.indices {
                if c > 0 { head.append("  ") }
                head.append(header[c], CellStyle(.tableHeader, [.bold]), width: widths[c], alignRight: right.contains(c))
            }
            lines.append(head)
            for (r, values) in table.enumerated() {
                var line = indented()
                for c in header.indices {
                    if c > 0 { line.append("  ") }
                    let style: CellStyle
                    switch c {
                    case 0: style = CellStyle(.muted)
                    case 2: style = CellStyle(.muted)
                    case 3: style = CellStyle(.role)
                    case 4 where profile.columns[r].missingRate > 0.2: style = CellStyle(.warning)
                    case 10: style = CellStyle(.muted)
                    default: style = CellStyle(.text)
                    }
                    line.append(values[c], style, width: widths[c], alignRight: right.contains(c))
                }
                lines.append(line)
            }
        }

        // MARK: Checks

        mutating func checksSection(_ profile: DataProfile) {
            let errors = profile.checks.filter { $0.severity == .error }.count
            let warnings = profile.checks.filter { $0.severity == .warning }.count
            let infos = profile.checks.count - errors - warnings
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error" + (errors == 1 ? "" : "s")) }
            if warnings > 0 { parts.append("\(warnings) warning" + (warnings == 1 ? "" : "s")) }
            if infos > 0 { parts.append("\(infos) note" + (infos == 1 ? "" : "s")) }
            heading("CHECKS", parts.joined(separator: ", "))
            if profile.checks.isEmpty {
                var line = indented()
                line.append(glyphs.okMark + " no problems found", CellStyle(.good))
                lines.append(line)
            }
            let labelWidth = 10
            let messageWidth = max(20, layoutWidth - PreviewDocument.indent - labelWidth - 1)
            for check in profile.checks.sorted(by: { $0.severity > $1.severity }) {
                let (mark, role): (String, ColorRole)
                switch check.severity {
                case .error: (mark, role) = (glyphs.errorMark, .error)
                case .warning: (mark, role) = (glyphs.warningMark, .warning)
                case .info: (mark, role) = (glyphs.infoMark, .info)
                }
                for (i, text) in TextFit.wrap(check.message, width: messageWidth).enumerated() {
                    var line = indented()
                    if i == 0 {
                        line.append(mark + " " + check.severity.rawValue, CellStyle(role, [.bold]), width: labelWidth)
                    } else {
                        line.pad(to: PreviewDocument.indent + labelWidth)
                    }
                    line.append(text)
                    lines.append(line)
                }
            }
            var score = indented()
            score.append("quality ", CellStyle(.muted))
            score.append(NumberText.value(profile.qualityScore, decimals: 1) + "/10",
                         CellStyle(profile.qualityScore >= 7 ? .good : profile.qualityScore >= 4 ? .warning : .error, [.bold]))
            score.append("   ")
            if profile.usable {
                score.append(glyphs.okMark + " usable for training", CellStyle(.good))
            } else {
                score.append(glyphs.errorMark + " not usable for training until the errors are fixed", CellStyle(.error))
            }
            lines.append(score)
        }

        // MARK: Class balance or date span

        mutating func outcomeSection(_ profile: DataProfile) {
            if let balance = profile.classBalance {
                let target = profile.roles[ColumnRole.target.rawValue] ?? "outcome"
                heading("CLASS BALANCE", target)
                let total = max(1, balance.positives + balance.negatives)
                let labelWidth = max(DisplayWidth.of(balance.positiveLabel), DisplayWidth.of(balance.negativeLabel), 5)
                let rows = [("churned", balance.positiveLabel, balance.positives, ColorRole.warning),
                            ("stayed", balance.negativeLabel, balance.negatives, ColorRole.good)]
                for (meaning, label, count, role) in rows {
                    var line = indented()
                    line.append(meaning, CellStyle(.muted), width: 8)
                    line.append(label, CellStyle(.text), width: labelWidth)
                    line.append("  ")
                    line.append(NumberText.count(count), CellStyle(.text), width: 9, alignRight: true)
                    line.append(NumberText.percent(Double(count) / Double(total)), CellStyle(.muted), width: 8, alignRight: true)
                    line.append("  ")
                    let bar = glyphs.bar(fraction: Double(count) / Double(total), width: 30)
                    line.append(bar.filled, CellStyle(role))
                    line.append(bar.empty, CellStyle(.border))
                    lines.append(line)
                }
            }
            if let span = profile.dateSpan {
                heading("DATE SPAN", "\(NumberText.count(span.days)) days")
                var line = indented()
                line.append(span.first)
                line.append(" " + glyphs.arrowRight + " ", CellStyle(.muted))
                line.append(span.last)
                lines.append(line)
            }
        }

        // MARK: Problem counts

        mutating func countsSection(_ profile: DataProfile) {
            heading("COUNTS")
            var items: [(String, Int)] = [("duplicate rows", profile.counts.duplicateRows)]
            if profile.shape == .transactions {
                items += [("duplicate transactions", profile.counts.duplicateTransactions),
                          ("negative amounts", profile.counts.negativeAmounts),
                          ("future dates", profile.counts.futureDates)]
            }
            if let customers = profile.customers { items.insert(("customers", customers), at: 0) }
            for (label, value) in items {
                var line = indented()
                line.append(label, CellStyle(.muted), width: 24)
                line.append(NumberText.count(value), CellStyle(value > 0 && label != "customers" ? .warning : .text),
                            width: 10, alignRight: true)
                lines.append(line)
            }
        }
    }
}
