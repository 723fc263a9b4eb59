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
];
