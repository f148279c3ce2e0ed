/// What a configuration asks of the engine, for progress displays that draw one bar per model.
extension TrainingConfiguration {
    /// How many fold fits the search of one family makes (trials x folds, less what successive halving
    /// drops): the number of per-fold progress events each family sends.
    public var plannedFitsPerFamily: Int {
        HyperparameterSearch.plannedFits(trials: trials, folds: folds)
    }
}
