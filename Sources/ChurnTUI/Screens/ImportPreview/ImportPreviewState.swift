import ChurnKit

/// The state of the import preview screen: the profile being shown, where the view is, and (for
/// `churn open FILE`) what training on the file would do, with the churn horizon chosen.
public struct ImportPreviewState: Sendable {
    public var profile: DataProfile
    public var document: PreviewDocument
    public var scroll = ScrollPosition()
    /// What `t` trains (nil when the preview is only a report, e.g. the workspace's Import tab).
    public var plan: TrainingPlan?
    /// The horizon advice of a transaction log: each candidate horizon and the churn rate it gives.
    public var horizon: HorizonAdvice?
    /// The horizon chosen (days); starts at the suggested one.
    public var horizonDays: Int?
    /// The role assignments being typed after `m`, nil when not editing.
    public var roleInput: TextInput?

    public init(profile: DataProfile, layoutWidth: Int, glyphs: Glyphs, plan: TrainingPlan? = nil, horizon: HorizonAdvice? = nil) {
        self.profile = profile
        self.plan = plan
        self.horizon = horizon
        let days = plan?.horizonDays ?? horizon?.suggestedDays
        horizonDays = days
        document = PreviewDocument(profile: profile, layoutWidth: layoutWidth, glyphs: glyphs,
                                   horizon: horizon.map { HorizonChoice(advice: $0, chosenDays: days) })
    }

    /// The keys of this screen, in the order the help lists them.
    public static let keyMap = KeyMap(title: "Import preview", bindings: [
        KeyBinding([.char("t"), .enter], .training(.trainOrShow), "train, or show or hide progress"),
        KeyBinding([.char("<"), .char(",")], .training(.shiftHorizon(-1)), "shorter churn horizon"),
        KeyBinding([.char(">"), .char(".")], .training(.shiftHorizon(1)), "longer churn horizon"),
        KeyBinding([.char("m")], .preview(.startRoleEdit), "edit column roles (target=churned)"),
    ] + KeyMap.scrolling + KeyMap.global)

    /// Whether `t` can train on the file (the bar under the title then says how).
    public var isTrainable: Bool { plan != nil }

    /// Rows above the document: the title bar, the summary line, and the training bar when trainable.
    public var headerHeight: Int { isTrainable ? 3 : 2 }

    /// The lines and columns the document body gets in a terminal of `size`.
    public func viewport(in size: TerminalSize) -> TerminalSize {
        TerminalSize(width: size.width, height: max(0, size.height - headerHeight - 1))
    }

    /// What `t` starts: the plan with the chosen horizon.
    public var trainingPlan: TrainingPlan? {
        guard var plan else { return nil }
        if horizon != nil { plan.horizonDays = horizonDays }
        return plan
    }

    /// The candidate of the chosen horizon, when it is one.
    public var chosenCandidate: HorizonCandidate? {
        horizon?.candidates.first { $0.horizonDays == horizonDays }
    }

    /// Chooses the next shorter (`step` < 0) or longer candidate horizon and rebuilds the document.
    mutating func shiftHorizon(_ step: Int, layoutWidth: Int, glyphs: Glyphs) {
        guard let advice = horizon, !advice.candidates.isEmpty else { return }
        let days = advice.candidates.map(\.horizonDays)
        let current = days.firstIndex(of: horizonDays ?? advice.suggestedDays)
            ?? days.firstIndex { $0 >= (horizonDays ?? advice.suggestedDays) } ?? days.count - 1
        horizonDays = days[min(days.count - 1, max(0, current + step))]
        document = PreviewDocument(profile: profile, layoutWidth: layoutWidth, glyphs: glyphs,
                                   horizon: HorizonChoice(advice: advice, chosenDays: horizonDays))
    }

    /// Shows a profile read again with edited roles; the plan trains with the new roles.
    mutating func replace(with result: PreviewReprofile, layoutWidth: Int, glyphs: Glyphs) {
        profile = result.profile
        horizon = result.advice
        plan?.ingest = result.ingest
        horizonDays = plan?.horizonDays ?? result.advice?.suggestedDays
        if let days = horizonDays, let advice = result.advice, !advice.candidates.contains(where: { $0.horizonDays == days }) {
            horizonDays = advice.suggestedDays
        }
        document = PreviewDocument(profile: profile, layoutWidth: layoutWidth, glyphs: glyphs,
                                   horizon: horizon.map { HorizonChoice(advice: $0, chosenDays: horizonDays) })
        scroll = ScrollPosition()
    }

    /// Applies an action meant for this screen.
    public func reduced(_ action: Action, size: TerminalSize, glyphs: Glyphs) -> ImportPreviewState {
        var next = self
        let content = { (doc: PreviewDocument) in TerminalSize(width: doc.width, height: doc.lines.count) }
        switch action {
        case .scroll(let move):
            next.scroll = scroll.moved(move, content: content(document), viewport: viewport(in: size))
        case .resize(let newSize):
            if newSize.width != document.layoutWidth {
                next.document = PreviewDocument(profile: profile, layoutWidth: newSize.width, glyphs: glyphs,
                                                horizon: horizon.map { HorizonChoice(advice: $0, chosenDays: horizonDays) })
            }
            next.scroll = scroll.clamped(content: content(next.document), viewport: viewport(in: newSize))
        default:
            break
        }
        return next
    }
}

/// The horizon advice with the horizon chosen, for the preview document's HORIZON section.
public struct HorizonChoice: Sendable, Equatable {
    public var advice: HorizonAdvice
    public var chosenDays: Int?
}
