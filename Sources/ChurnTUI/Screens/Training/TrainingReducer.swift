/// Applies the actions of a training run in the background.
enum TrainingReducer {
    /// Applies one training action.
    static func reduce(_ state: inout AppState, _ action: TrainingAction) {
        switch action {}
    }
}
