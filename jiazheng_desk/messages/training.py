"""Messages of training and exams: courses, enrolment, attendance, scores, the Excel export."""

from __future__ import annotations

_AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "training.course_create": ("新建培训课程", "Course created"),
    "training.course_update": ("修改培训课程", "Course changed"),
    "training.course_deactivate": ("停用培训课程", "Course deactivated"),
    "training.course_activate": ("启用培训课程", "Course reactivated"),
    "training.push": ("推送培训课程", "Course pushed to workers"),
    "training.enrol": ("培训报名", "Enrolled in a course"),
    "training.cancel": ("取消培训报名", "Enrolment cancelled"),
    "training.attendance": ("登记培训签到", "Attendance recorded"),
    "training.exam": ("录入考试成绩", "Exam score recorded"),
}

_STATES: dict[str, tuple[str, str]] = {
    "none": ("未报名", "not enrolled"),
    "enrolled": ("已报名", "enrolled"),
    "attended": ("已签到", "attended"),
    "passed": ("已通过", "passed"),
    "failed": ("未通过", "failed"),
    "cancelled": ("已取消", "cancelled"),
}

_EXPORT_COLUMNS: dict[str, tuple[str, str]] = {
    "course": ("课程", "Course"),
    "worker": ("服务人员", "Worker"),
    "phone": ("手机号", "Phone"),
    "branch": ("门店", "Branch"),
    "score": ("成绩", "Score"),
    "pass_mark": ("及格分", "Pass mark"),
    "result": ("结果", "Result"),
    "recorded_by": ("录入人", "Recorded by"),
    "taken_at": ("考试时间", "Taken at"),
    "years": ("从业年限", "Years of experience"),
    "worker_status": ("人员状态", "Worker status"),
    "state": ("培训状态", "Training state"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _AUDIT_ACTIONS.items()},
    "audit.entity.training_course": ("培训课程", "Training course"),
    "audit.entity.enrollment": ("培训报名", "Enrolment"),
    "entity.training_course": ("培训课程", "Training course"),
    "entity.enrollment": ("培训报名", "Enrolment"),
    **{f"training.state.{code}": names for code, names in _STATES.items()},
    "training.mode.online": ("线上", "online"),
    "training.mode.offline": ("线下", "offline"),
    "training.result.passed": ("通过", "passed"),
    "training.result.failed": ("未通过", "failed"),
    # --- the course form ---
    "training.field.title": ("课程名称", "Title"),
    "training.field.description": ("课程介绍", "Description"),
    "training.field.pass_mark": ("及格分", "Pass mark"),
    "training.field.min_years": ("最低从业年限", "Minimum years of experience"),
    "training.field.level": ("提升至等级", "Raises the level to"),
    "training.field.video_url": ("视频链接", "Video link"),
    "training.field.place": ("上课地点", "Place"),
    "training.field.seats": ("名额", "Seats"),
    "training.field.score": ("考试成绩", "Score"),
    "training.field.reason": ("原因", "Reason"),
    "training.bad_mode": ("上课方式应为线上或线下。", "A course is online or offline."),
    "training.unknown_skill": ("技能（编号 {id}）不存在。", "Skill {id} does not exist."),
    "training.unknown_branch": ("门店（编号 {id}）不存在。", "Branch {id} does not exist."),
    "training.level_needs_skill": (
        "要提升技能等级，请先选择课程对应的技能。",
        "Choose the course's skill to raise its level.",
    ),
    "training.online_needs_video": (
        "线上课程请填写视频链接。",
        "An online course needs a video link.",
    ),
    "training.bad_video_url": (
        "视频链接应以 http:// 或 https:// 开头。",
        "The video link starts with http:// or https://.",
    ),
    "training.offline_needs_date": (
        "线下课程请填写上课时间。",
        "An offline course needs the date and time of the session.",
    ),
    "training.naive_time": (
        "上课时间缺少时区。",
        "The session time has no time zone.",
    ),
    "training.hq_course": (
        "全公司课程只能由总部修改。",
        "Only headquarters can change a course for every branch.",
    ),
    "training.seats_below_taken": (
        "名额不能少于已报名的 {taken} 人。",
        "Seats cannot be fewer than the {taken} already enrolled.",
    ),
    # --- enrolment, attendance, exams ---
    "training.inactive": (
        "课程“{title}”已停用。",
        "The course “{title}” is no longer offered.",
    ),
    "training.full": (
        "课程“{title}”的 {seats} 个名额已满。",
        "All {seats} seats of “{title}” are taken.",
    ),
    "training.already_enrolled": (
        "已报名课程“{title}”。",
        "Already enrolled in “{title}”.",
    ),
    "training.already_passed": (
        "已通过课程“{title}”，无需再考。",
        "“{title}” is already passed.",
    ),
    "training.other_branch_course": (
        "该课程不属于这位服务人员所在的门店。",
        "This course belongs to another branch than the worker's.",
    ),
    "training.worker_left": (
        "{name}已离职，不能报名培训。",
        "{name} has left and cannot be enrolled.",
    ),
    "training.session_over": (
        "课程“{title}”已开课，不能在线报名，请联系门店。",
        "The session of “{title}” has begun; please contact the branch.",
    ),
    "training.cannot_cancel": (
        "当前状态（{state}）不能取消报名。",
        "An enrolment that is {state} cannot be cancelled.",
    ),
    "training.online_no_attendance": (
        "线上课程无需签到，可直接录入考试成绩。",
        "Online courses have no attendance; record the exam score directly.",
    ),
    "training.attendance_state": (
        "当前状态（{state}）不能登记签到。",
        "Attendance cannot be recorded for an enrolment that is {state}.",
    ),
    "training.needs_attendance": (
        "线下课程需先登记签到，才能录入考试成绩。",
        "An offline course needs attendance before the exam score.",
    ),
    "training.exam_state": (
        "当前状态（{state}）不能录入考试成绩。",
        "No exam score can be recorded for an enrolment that is {state}.",
    ),
    "training.workers_only": (
        "只有服务人员账号可以报名培训。",
        "Only a worker account can enrol in training.",
    ),
    # --- the message the platform pushes (stored in Chinese, the franchise's language) ---
    "training.notify_title": ("培训课程推荐", "A course for you"),
    "training.notify_online": (
        "线上课程“{title}”已开放，可在“培训”中报名观看。",
        "The online course “{title}” is open: enrol under Training.",
    ),
    "training.notify_offline": (
        "线下课程“{title}”：{when}，地点：{place}。名额有限，请在“培训”中报名。",
        "The course “{title}”: {when} at {place}. Seats are limited: enrol under Training.",
    ),
    # --- the Excel export ---
    "training_export.results.title": ("培训考试成绩", "Training results"),
    "training_export.results.sheet": ("考试成绩", "Results"),
    "training_export.needs.title": ("待培训人员", "Who needs training"),
    "training_export.needs.sheet": ("待培训", "Needs training"),
    "training_export.totals": ("合计 {n} 行", "{n} rows"),
    **{f"training_export.col.{key}": names for key, names in _EXPORT_COLUMNS.items()},
}
