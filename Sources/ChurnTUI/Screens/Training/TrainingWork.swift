import ChurnKit
import Foundation

/// The background work of a training run started from the app, the same steps as `churn train` then
/// `churn score`: prepare (read, validate, featurise, record the import and the run), train with live
/// progress (also written to the run's row, throttled), save the champion, score every customer, and
/// load the new scores for the screen. Every outcome is posted as a `TrainingAction`.
enum TrainingWork {
    /// Runs the whole job on the calling thread (a background queue); returns when it has ended and
    /// the store holds its outcome (a model and scores, or a run recorded as failed or cancelled).
    static func perform(_ plan: TrainingPlan, run: TrainingRun, workspace: Workspace, post: @escaping @Sendable (Action) -> Void) {
        func send(_ action: TrainingAction) { post(.training(action)) }
        let started = Date()
        send(.progress(TrainingEvent(stage: .preparing, fraction: 0, elapsed: 0,
                                     message: "reading and checking \(plan.fileName)")))
        let prepared: WorkspaceTraining.Prepared
        do {
            try run.control.checkCancelled()
            prepared = try WorkspaceTraining.prepare(plan.request, store: workspace)
        } catch {
            // Nothing was recorded yet (a cancel before preparing ended leaves no run behind).
            send((error as? TrainingError) == .cancelled ? .cancelled : .failed(EffectRunner.describe(error)))
            return
        }
        let matrix = prepared.matrix
        var ready = "\(NumberText.count(prepared.data.rows)) customers, \(matrix.features.count) features"
        if let horizon = matrix.horizonDays { ready += ", horizon \(horizon) days" }
        send(.progress(TrainingEvent(stage: .preparing, fraction: 0, elapsed: Date().timeIntervalSince(started), message: ready)))

        let recorder = workspace.runProgressRecorder(runID: prepared.runID)
        let job = TrainingJob(data: prepared.data, configuration: plan.configuration, control: run.control) { event in
            recorder.record(event)
            post(.training(.progress(event)))
        }
        job.start()
        let outcome = job.wait()
        recorder.flush()
        let result: TrainingResult
        switch outcome {
        case .success(let r): result = r
        case .failure(let error):
            // A cancelled run is recorded as cancelled; a failed one with its reason.
            try? WorkspaceTraining.finish(prepared, error: error, store: workspace)
            send((error as? TrainingError) == .cancelled ? .cancelled : .failed(EffectRunner.describe(error)))
            return
        }

        let saved: ModelRecord
        do {
            saved = try WorkspaceTraining.save(result, prepared: prepared, store: workspace)
        } catch {
            try? WorkspaceTraining.finish(prepared, error: error, store: workspace)
            send(.failed("the model could not be saved: " + EffectRunner.describe(error)))
            return
        }
        send(.trained(Shared(result.leaderboard.map(LeaderboardRow.init)), version: saved.version))

        do {
            let scored = try WorkspaceScoring.score(file: prepared.path, ingest: plan.ingest, record: saved, store: workspace)
            guard let (data, threshold) = try WorkspaceApp.load(workspace: workspace) else {
                throw WorkspaceAppError.noScores(path: workspace.path)
            }
            let seconds = Int(Date().timeIntervalSince(started).rounded())
            let summary = "model v\(saved.version) (\(result.champion.name)) trained in \(seconds) s; "
                + "\(NumberText.count(scored.customerIDs.count)) customers scored"
            send(.finished(Shared(data), threshold: threshold, summary: summary))
        } catch {
            send(.failed("model v\(saved.version) is saved, but scoring failed: " + EffectRunner.describe(error)))
        }
    }
}
