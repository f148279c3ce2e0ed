import ChurnKit

/// What a training run started from the app will do: ChurnKit's `TrainingRequest` (the data file, how
/// to read it, the point in time of a transaction log's features, and the search).
public typealias TrainingPlan = TrainingRequest

extension TrainingRequest {
    /// The request ChurnKit's `WorkspaceTraining.prepare` takes (the plan itself).
    public var request: TrainingRequest { self }

    /// The file name as titles show it.
    public var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }

    /// "logreg, gbdt · 5 folds · 8 trials": what the search covers, in one line.
    public var summary: String {
        let c = configuration
        let families = c.families.map(\.rawValue).joined(separator: ", ")
        return "\(families) \u{B7} \(c.folds) folds \u{B7} \(c.trials) trial\(c.trials == 1 ? "" : "s")"
    }
}
