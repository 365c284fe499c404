/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import java.util.List;

/**
 * The output of one scored batch: for each of B rows its scenario and the probability of each of
 * the T tasks (the sigmoid of the logit of the row's own scenario's tower).
 */
public final class Scores {

    private final int size;
    private final List<String> tasks;
    private final List<String> scenarios;
    private final float[] probabilities;
    private final int[] scenario;

    Scores(List<String> tasks, List<String> scenarios, float[] probabilities, int[] scenario) {
        this.size = scenario.length;
        this.tasks = tasks;
        this.scenarios = scenarios;
        this.probabilities = probabilities;
        this.scenario = scenario;
    }

    /**
     * Returns B.
     *
     * @return the number of rows
     */
    public int size() {
        return size;
    }

    /**
     * Returns the task names.
     *
     * @return T names, the order of the probabilities of a row
     */
    public List<String> getTasks() {
        return tasks;
    }

    /**
     * Returns the probability of a task for a row.
     *
     * @param row the row, 0..B-1
     * @param task the task, 0..T-1
     * @return the probability in [0, 1]
     */
    public float probability(int row, int task) {
        return probabilities[row * tasks.size() + task];
    }

    /**
     * Returns a row's probabilities.
     *
     * @param row the row
     * @return T probabilities
     */
    public float[] row(int row) {
        float[] out = new float[tasks.size()];
        System.arraycopy(probabilities, row * out.length, out, 0, out.length);
        return out;
    }

    /**
     * Returns all probabilities, row-major (B, T).
     *
     * @return a copy
     */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * Returns the scenario id a row was scored in.
     *
     * @param row the row
     * @return 0..S-1
     */
    public int scenario(int row) {
        return scenario[row];
    }

    /**
     * Returns the scenario name a row was scored in.
     *
     * @param row the row
     * @return the name
     */
    public String scenarioName(int row) {
        return scenarios.get(scenario[row]);
    }
}
