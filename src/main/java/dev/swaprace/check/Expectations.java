package dev.swaprace.check;

/**
 * What a scenario allows its readers and its final state to show (invariant 18): the data each
 * index held at swap-out, whether a hole punch covers it, and which errors the scenario's
 * choices can produce.
 *
 * @param data          the data of index 0 (D)
 * @param holePossible  a punch covers the index, so zeros are a correct read and a hole a correct end
 * @param chargeMayFail a memcg charge can fail, so -ENOMEM is a correct read
 * @param ioMayFail     a read IO can fail, so -EIO is a correct read
 */
public record Expectations(long data, boolean holePossible, boolean chargeMayFail, boolean ioMayFail) {
}
