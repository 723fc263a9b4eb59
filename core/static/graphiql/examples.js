// A coordinator's day, as GraphiQL tabs (Vietnamese and English). Replace the IDs in the
// variables with those the first tabs return.
window.HOCVIEC_EXAMPLES = [
  {
    query: `# 1. Tìm cán bộ đủ điều kiện (Find eligible officials)
# Chức danh của chương trình, rồi cán bộ đang công tác giữ các chức danh đó: thêm
# postIds vào bộ lọc. The track's posts, then the active officials who hold them: add
# their IDs as filter.postIds.
query EligibleOfficials {
  tracks { edges { node { id code title posts { id title } } } }
  officials(filter: { statuses: [ACTIVE] }, first: 20) {
    totalCount
    edges { node { id fullName orgUnit { name } post { title } } }
  }
}`,
  },
  {
    query: `# 2. Tạo khóa học việc (Create a cohort): it starts PLANNED.
# orgUnitId: đơn vị tổ chức khóa (the org unit that runs it), e.g. the district.
mutation CreateCohort($input: CreateCohortInput!) {
  createCohort(input: $input) {
    cohort { id name status orgUnit { name } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          name: "Khóa học việc Đảng ủy xã 2026",
          trackId: "<Track ID>",
          orgUnitId: "<OrgUnit ID>",
          startsOn: "2026-03-02",
          endsOn: "2026-05-29",
          capacity: 20,
        },
      },
      null,
      2,
    ),
  },
  {
    query: `# 3. Mở khóa để ghi danh (Open the cohort for enrollment)
mutation OpenCohort($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) { cohort { id status nextStatuses } errors { field code message } }
}`,
    variables: JSON.stringify({ input: { cohortId: "<Cohort ID>", status: "OPEN" } }, null, 2),
  },
  {
    query: `# 4. Ghi danh cán bộ (Enroll an official)
mutation Enroll($input: EnrollOfficialInput!) {
  enrollOfficial(input: $input) {
    enrollment { id status official { fullName } cohort { name enrolledCount } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      { input: { officialId: "<Official ID>", cohortId: "<Cohort ID>" } },
      null,
      2,
    ),
  },
  {
    query: `# 5. Đăng ký chuyên đề "cần gì học nấy" (Register the topics an official needs)
mutation RegisterTopics($input: RegisterTopicsInput!) {
  registerTopics(input: $input) {
    enrollment { id topics { code title } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      { input: { enrollmentId: "<Enrollment ID>", topicIds: ["<Topic ID>"] } },
      null,
      2,
    ),
  },
  {
    query: `# 6. Rút tên khỏi khóa (Withdraw an enrollment); the record is kept
mutation Withdraw($input: WithdrawEnrollmentInput!) {
  withdrawEnrollment(input: $input) {
    enrollment { id status withdrawnAt history { kind at reason by } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      { input: { enrollmentId: "<Enrollment ID>", reason: "Chuyển công tác (moved to another post)" } },
      null,
      2,
    ),
  },
  {
    query: `# 7. Chuyển khóa sang giai đoạn tiếp theo (Move the cohort on: IN_PROGRESS, COMPLETED…)
mutation MoveOn($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) { cohort { id status nextStatuses } errors { field code message } }
}`,
    variables: JSON.stringify({ input: { cohortId: "<Cohort ID>", status: "IN_PROGRESS" } }, null, 2),
  },
  {
    query: `# 8. Xếp lịch buổi học (Schedule a session) on a topic whose lesson is APPROVED
# activityKind: theory, situation_handling, meeting_observation, working_trip,
# group_discussion, case_study, test (query activityKinds); lecturerId: a board member.
mutation Schedule($input: ScheduleSessionInput!) {
  scheduleSession(input: $input) {
    session { id startsAt activityKind { title } topic { title } lessonVersion { title } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          cohortId: "<Cohort ID>",
          startsAt: "2026-03-03T01:00:00+00:00",
          endsAt: "2026-03-03T04:00:00+00:00",
          activityKind: "theory",
          title: "Công tác tuyên giáo",
          topicId: "<Topic ID>",
        },
      },
      null,
      2,
    ),
  },
  {
    query: `# 9. Điểm danh cả buổi (Record a session's attendance, the whole sheet at once)
mutation Attendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) {
    session { attendance { status note enrollment { official { fullName } } } }
    errors { field code message }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          sessionId: "<CohortSession ID>",
          entries: [
            { enrollmentId: "<Enrollment ID>", status: "PRESENT" },
            { enrollmentId: "<Enrollment ID>", status: "EXCUSED", note: "Ốm, có giấy xin phép" },
          ],
        },
      },
      null,
      2,
    ),
  },
  {
    query: `# 10. Báo cáo khóa (A cohort's report): per commune, topic demand, attendance, practicum
query CohortReport($id: ID!) {
  node(id: $id) {
    ... on Cohort {
      name status enrolledCount
      enrollmentsByOrgUnit { count orgUnit { name } }
      topicDemand { registered topic { title } }
      enrollments(first: 50, filter: { statuses: [ENROLLED] }) {
        edges { node {
          official { fullName orgUnit { name } }
          attendance { attended absent }
          practicum { complete item { title } }
        } }
      }
    }
  }
}`,
    variables: JSON.stringify({ id: "<Cohort ID>" }, null, 2),
  },
];
