/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

/**
 * The names and the version of the checkpoint layout.
 *
 * <pre>
 * DIR/
 *   checkpoint.json       format, formatVersion, model name, parameter file, parameter shapes,
 *                         SHA-256 and size of every other file
 *   config.json           the ModelConfig (ModelConfig.toJson)
 *   schema.json           the input schema: fields in order, vocabulary sizes and files, scenario
 *                         column and its value of each scenario, scenario and task names
 *   serving.properties    engine, blockFactory, translatorFactory, option.modelName (the
 *                         parameter file's prefix, so a renamed folder loads): what DJL's
 *                         Criteria reads
 *   DIR-0000.params       the DJL parameters (Model.save), named after the folder written to
 *   vocab/...             vocabulary files (raw value to id) of fields that have one
 * </pre>
 */
public final class CheckpointFormat {

    /** The value of {@code format} in {@value #MANIFEST_FILE}. */
    public static final String FORMAT_NAME = "sapenet-checkpoint";

    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** The checkpoint's own description, with the checksums of every other file. */
    public static final String MANIFEST_FILE = "checkpoint.json";

    /** The model configuration. */
    public static final String CONFIG_FILE = "config.json";

    /** The input schema. */
    public static final String SCHEMA_FILE = "schema.json";

    /** What DJL's model loader reads. */
    public static final String SERVING_FILE = "serving.properties";

    /** The folder of vocabulary files. */
    public static final String VOCABULARY_DIR = "vocab";

    /** The checksum algorithm of {@value #MANIFEST_FILE}. */
    public static final String CHECKSUM = "SHA-256";

    private CheckpointFormat() {}

    /**
     * Returns the name of the parameter file for a checkpoint folder name. DJL's loader looks for
     * {@code <model name>-NNNN.params}; its model name is {@code Criteria.optModelName}, else
     * {@code option.modelName} in {@value #SERVING_FILE} (written since the checkpoint's folder
     * name may change), else the folder's name.
     *
     * @param folderName the checkpoint folder's name
     * @return {@code folderName-0000.params}
     */
    public static String parameterFile(String folderName) {
        return folderName + "-0000.params";
    }
}
