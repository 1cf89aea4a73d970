"""The batch hash table under the reuse index's bands."""

import numpy as np

from sourcetrace.trace.band_table import MISSING, BandTable


def test_inserted_keys_are_found_with_their_values_and_others_are_missing():
    table = BandTable(bits=4)
    keys = np.array([5, 17, 2**63 + 3, 42], dtype=np.uint64)
    table.insert(keys, np.array([0, 1, 2, 3]))
    assert table.lookup(keys).tolist() == [0, 1, 2, 3]
    assert table.lookup(np.array([6, 2**64 - 1], dtype=np.uint64)).tolist() == [MISSING] * 2
    assert len(table) == 4


def test_the_table_grows_and_keeps_every_key_through_collisions():
    rng = np.random.default_rng(0)
    table = BandTable(bits=2)
    keys = np.unique(rng.integers(1, 2**63, 5000, dtype=np.uint64))
    for start in range(0, len(keys), 700):  # batches, as an index adds articles
        batch = keys[start : start + 700]
        table.insert(batch, start // 700)
    assert len(table) == len(keys)
    assert table.lookup(keys).tolist() == [i // 700 for i in range(len(keys))]
    assert len(table._keys) >= 2 * len(keys)  # at most half full


def test_keys_on_one_slot_all_find_a_place():
    table = BandTable(bits=4)
    candidates = np.arange(1, 400, dtype=np.uint64)
    slots = table._slots(candidates)
    keys = candidates[slots == slots[0]][:4]  # four keys whose probes start on one slot
    assert len(keys) == 4
    table.insert(keys, np.array([1, 2, 3, 4]))
    assert table.lookup(keys).tolist() == [1, 2, 3, 4]
    assert sorted(set(table._slots(keys).tolist())) == [int(slots[0])]


def test_a_value_is_overwritten_at_its_slot_and_zero_is_a_key_like_any_other():
    table = BandTable()
    table.insert(np.array([0, 9], dtype=np.uint64), np.array([1, 2]))
    held, values, slots = table.values_at(np.array([9, 10], dtype=np.uint64))
    assert held.tolist() == [True, False] and values.tolist() == [2, MISSING]
    table.set_at(slots[held], -1)
    assert table.lookup(np.array([9, 0], dtype=np.uint64)).tolist() == [-1, 1]
