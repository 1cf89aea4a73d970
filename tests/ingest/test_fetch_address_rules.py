"""The address rules, each with its example: which addresses web jobs and feed links may not
reach, and the name each refusal gives them."""

from __future__ import annotations

import pytest

from sourcetrace.ingest.addresses import refusal


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("0.0.0.0", "the unspecified address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("fec0::1", "a site-local address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("10.0.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::1", "a private address"),
        ("100.64.0.1", "a non-public address"),
        ("93.184.216.34", None),
        ("2606:4700::1", None),
    ],
)
def test_each_address_rule_names_its_example(address, label):
    assert refusal(address) == label
