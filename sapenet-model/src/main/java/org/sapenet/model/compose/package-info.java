/*
 * SAPENet for the JVM.
 */
/**
 * What the models share: {@link org.sapenet.model.compose.FieldEmbeddingModel}, the input front of
 * every model (the input check, the field embedding, its flattening and the shape arithmetic), and
 * {@link org.sapenet.model.compose.ScenarioTaskModel}, the one composition of STAR fusion,
 * scenario/task experts, fusion and towers behind SAPENet, its ablations and M3oE.
 */
package org.sapenet.model.compose;
