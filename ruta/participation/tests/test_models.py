from testkit.factories.participation import CommitteeFactory


def test_committee_scope_is_its_work_scope(hermosillo):
    committee = CommitteeFactory(work__municipality=hermosillo)
    assert committee.permission_scope() == committee.work.permission_scope()
