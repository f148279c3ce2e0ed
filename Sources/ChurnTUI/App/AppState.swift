import ChurnKit

/// Everything the screen shows, in one value. Changed only by `reduce`, drawn only by `render`.
///
/// Two modes: the workspace app (tabs over stored scores: `data` is set) and the lone import preview
/// of `churn open FILE` (no tab bar, `data` is nil).
public struct AppState: Sendable {
    /// What is drawn over the screen.
    public enum Overlay: Sendable, Equatable {
        case help
        /// The `:` command palette.
        case palette
        /// The detail panel of the High-risk row under the cursor.
        case detail
        /// The progress panel of a training run (Screens/Training, Widgets/TrainingPanel).
        case training
    }

    /// The smallest terminal the layout works in; below it a notice says so.
    public static let minimumSize = TerminalSize(width: 40, height: 10)
    /// The default churn threshold: a customer with probability >= it is predicted to churn.
    public static let defaultThreshold = 0.5

    public var size: TerminalSize
    /// The tabs that exist, in the order of the tab bar (number keys pick them).
    public private(set) var tabs: [Tab]
    /// The tab shown.
    public var tab: Tab
    /// Tabs shown before, for Esc.
    var tabHistory: [Tab] = []
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
    /// What background work is doing, for the status bar ("training 2/5"), nil when idle.
    public var work: String?

    /// The import preview (its own screen, or the Import tab).
    public var preview: ImportPreviewState?
    /// The workspace's scores; nil for the lone import preview.
    public private(set) var data: WorkspaceData?
    /// The High-risk table, when there are scores.
    public var highRisk: HighRiskState?
    /// The churn threshold (0...1).
    public var threshold = AppState.defaultThreshold
    /// The text of the command palette.
    public var palette = CommandPalette()

    /// The customers' features, explainer and model metrics, loaded in the background after the first
    /// frame (nil until then; `analysisError` says why when loading failed).
    public var analysis: WorkspaceAnalysis?
    public var analysisError: String?
    /// The state of each tab beyond Overview and High-risk.
    public var segments = SegmentsState()
    public var insights = InsightsState()
    public var customer = CustomerState()
    public var whatIf = WhatIfState()
    public var settings = SettingsState()
    /// Training running in the background and its progress panel.
    public var training = TrainingState()
    /// Effects requested by reduced actions, taken by the event loop after each action.
    public var effects: [Effect] = []

    /// The lone import preview of a profile (`churn open FILE`).
    public init(preview: ImportPreviewState, size: TerminalSize, user: String, glyphs: Glyphs = .unicode, asciiOnly: Bool = false) {
        self.preview = preview
        tabs = [.importPreview]
        tab = .importPreview
        self.size = size
        self.user = user
        self.glyphs = glyphs
        self.asciiOnly = asciiOnly
    }

    /// The workspace app over stored scores: Overview, High-risk, and Import when a profile is known.
    public init(data: WorkspaceData, threshold: Double = AppState.defaultThreshold, size: TerminalSize, user: String,
                glyphs: Glyphs = .unicode, asciiOnly: Bool = false) {
        self.data = data
        self.threshold = Self.clampThreshold(threshold)
        highRisk = HighRiskState(customers: data.customers, riskOrder: data.riskOrder)
        tabs = [.overview, .highRisk, .segments, .insights, .customer, .whatIf, .settings]
        if let profile = data.importProfile {
            preview = ImportPreviewState(profile: profile, layoutWidth: size.width, glyphs: glyphs)
            tabs.append(.importPreview)
        }
        tab = .overview
        self.size = size
        self.user = user
        self.glyphs = glyphs
        self.asciiOnly = asciiOnly
    }

    /// The app opened on the import preview of a profile.
    public static func importPreview(_ profile: DataProfile, size: TerminalSize, user: String,
                                     glyphs: Glyphs = .unicode, asciiOnly: Bool = false) -> AppState {
        let preview = ImportPreviewState(profile: profile, layoutWidth: size.width, glyphs: glyphs)
        return reduce(AppState(preview: preview, size: size, user: user, glyphs: glyphs, asciiOnly: asciiOnly), .resize(size))
    }

    /// The workspace app, laid out for `size`.
    public static func workspace(_ data: WorkspaceData, threshold: Double = AppState.defaultThreshold, size: TerminalSize,
                                 user: String, glyphs: Glyphs = .unicode, asciiOnly: Bool = false) -> AppState {
        reduce(AppState(data: data, threshold: threshold, size: size, user: user, glyphs: glyphs, asciiOnly: asciiOnly),
               .resize(size))
    }

    /// Whether the tab bar is drawn (the workspace app).
    public var showsTabBar: Bool { data != nil }

    /// The size the import preview gets: the whole terminal alone, less the tab bar as a tab.
    var previewSize: TerminalSize {
        showsTabBar ? TerminalSize(width: size.width, height: size.height - 1) : size
    }

    /// Rows of the High-risk table visible in the current size.
    var visibleTableRows: Int { HighRiskView.visibleRows(in: size) }

    /// The key map of what has focus.
    public var keyMap: KeyMap {
        guard showsTabBar else { return ImportPreviewState.keyMap }
        switch tab {
        case .overview: return OverviewView.keyMap
        case .highRisk: return HighRiskView.keyMap
        case .importPreview:
            return KeyMap(title: "Import preview", bindings: KeyMap.tabs + KeyMap.scrolling + KeyMap.workspaceGlobal)
        case .segments: return SegmentsView.keyMap
        case .insights: return InsightsView.keyMap
        case .customer: return CustomerView.keyMap
        case .whatIf: return WhatIfView.keyMap
        case .settings: return SettingsView.keyMap
        }
    }

    /// Asks the event loop to carry out an effect after this action.
    public mutating func request(_ effect: Effect) {
        effects.append(effect)
    }

    /// A threshold kept inside 0...1. Values within 1e-9 of a multiple of 0.01 snap to it (so steps of
    /// 0.01 do not drift); others (a threshold an optimiser found, which is a real score) are kept exactly.
    static func clampThreshold(_ value: Double) -> Double {
        guard value.isFinite else { return defaultThreshold }
        let grid = (value * 100).rounded() / 100
        return min(1, max(0, abs(grid - value) < 1e-9 ? grid : value))
    }

    /// Gives every scored customer the tier `tiers` assigns (Overview's tier counts, the High-risk tier
    /// column and filter follow); the tiers stored with the scores are unchanged.
    /// Joins the customers' activity (days idle or tenure) from the loaded features to the scores, so
    /// the High-risk table can show and sort it.
    mutating func applyActivity(from analysis: WorkspaceAnalysis) {
        guard var changed = data, changed.customers.activity == nil else { return }
        let features = analysis.population.features
        let choice: (name: String, title: String)?
        if features.feature(named: "days_since_last_purchase") != nil {
            choice = ("days_since_last_purchase", "Days idle")
        } else if let tenure = features.features.first(where: { $0.name.lowercased().contains("tenure") }) {
            choice = (tenure.name, tenure.name.lowercased().contains("month") ? "Tenure mo" : "Tenure")
        } else {
            choice = nil
        }
        guard let choice, let column = features.feature(named: choice.name),
              analysis.population.customerIDs == changed.customers.ids else { return }
        changed.snapshot.customers.activity = column.values
        changed.snapshot.customers.activityTitle = choice.title
        data = changed
        highRisk?.refreshColumns(changed.customers)
    }

    mutating func applyTierBoundaries(_ tiers: RiskTiers) {
        guard var changed = data else { return }
        changed.applyTierBoundaries(tiers)
        data = changed
        if let filter = highRisk?.filter, filter != .all {
            let rows = visibleTableRows
            highRisk?.setFilter(filter, customers: changed.customers, visibleRows: rows)
        }
    }
}
