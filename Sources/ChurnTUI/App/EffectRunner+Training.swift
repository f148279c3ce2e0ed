import ChurnKit

extension EffectRunner {
    /// Carries out an effect of a training run: the run works on the background queue and posts its
    /// progress; a cancel reaches the engine through the run's `TrainingControl`.
    func performTraining(_ effect: TrainingEffect, state: AppState) {
        switch effect {
        case .start(let plan, let run):
            startTraining(plan.value, run: run.value)
        case .cancel(let run):
            run.value.cancel()
        }
    }

    /// Starts `run` of `plan` in the background; `run.waitUntilEnded` returns once its outcome is stored.
    func startTraining(_ plan: TrainingPlan, run: TrainingRun) {
        let workspace = self.workspace, queue = self.queue
        run.begin()
        background.async {
            TrainingWork.perform(plan, run: run, workspace: workspace) { queue.post($0) }
            run.end()
        }
    }
}

extension EffectRunner {
    /// At exit: cancels a run still working and waits (a few seconds at most) until it is recorded as
    /// cancelled, so the store never keeps a run marked running.
    public func stopTraining(_ state: AppState, timeout: Double = 10) {
        guard let run = state.training.run?.value, !run.hasEnded else { return }
        run.cancel()
        run.waitUntilEnded(timeout: timeout)
    }
}
