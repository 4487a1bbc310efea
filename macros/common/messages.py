"""Every line the validator prints, in Vietnamese and English, and the choice between them.

The ministry's editors read Vietnamese; CI logs stay English. One run speaks one
language: `python -m macros --lang vi|en`, else the MACROS_LANG variable, else a
locale (LC_ALL, LC_MESSAGES, LANG) starting with `vi`, else English. `mkdocs build`
reads the same variables, so the build and the validator always agree.
Field names, values and ids are data, never translated: they stay in backticks.
"""

from __future__ import annotations

import os

from macros.common.locale import LANGUAGES


VARIABLE = "MACROS_LANG"
DEFAULT = "en"  # for CI logs and anyone whose locale is not Vietnamese

MESSAGES: dict[str, dict[str, str]] = {
    # reading a file (load.py)
    "file_too_big": {
        "en": "the file is {size} bytes, over the limit of {limit} bytes",
        "vi": "tệp có dung lượng {size} byte, vượt quá giới hạn {limit} byte",
    },
    "file_too_big_hint": {
        "en": "a record should be short: move long texts into separate records",
        "vi": "mỗi hồ sơ nên ngắn gọn: hãy chuyển các đoạn văn dài sang hồ sơ riêng",
    },
    "nul_byte": {"en": "the file contains a NUL byte", "vi": "tệp chứa byte NUL"},
    "nul_byte_hint": {"en": "save the file as UTF-8 text", "vi": "hãy lưu tệp dưới dạng văn bản UTF-8"},
    "not_utf8": {"en": "the file is not UTF-8 (byte 0x{byte:02x})", "vi": "tệp không phải UTF-8 (byte 0x{byte:02x})"},
    "not_utf8_hint": {"en": "save the file with the UTF-8 encoding", "vi": "hãy lưu tệp với bảng mã UTF-8"},
    "control_character": {
        "en": "the file contains a control character (0x{code:02x})",
        "vi": "tệp chứa ký tự điều khiển (0x{code:02x})",
    },
    "control_character_hint": {
        "en": "delete it: data files hold printable text only",
        "vi": "hãy xóa ký tự này: tệp dữ liệu chỉ chứa các ký tự nhìn thấy được",
    },
    "hidden_break": {
        "en": "the file contains an invisible line or paragraph separator (U+{code})",
        "vi": "tệp chứa một ký tự ngắt dòng hoặc ngắt đoạn không nhìn thấy được (U+{code})",
    },
    "hidden_break_hint": {
        "en": "replace it with a normal line break or a space (it often comes with text pasted from a web page)",
        "vi": "hãy thay bằng dấu xuống dòng thường hoặc dấu cách (thường lẫn vào khi dán văn bản từ trang web)",
    },
    "not_yaml": {"en": "the file is not valid YAML ({error})", "vi": "tệp không phải YAML hợp lệ ({error})"},
    "not_yaml_hint": {"en": "check the indentation", "vi": "hãy kiểm tra thụt lề"},
    "empty_file": {"en": "the file is empty", "vi": "tệp không có nội dung"},
    "empty_file_hint": {
        "en": "fill in the record's fields (see README)",
        "vi": "hãy điền các trường của hồ sơ (xem README)",
    },
    "symlink": {"en": "the file is a symbolic link", "vi": "tệp là một liên kết tượng trưng (symlink)"},
    "symlink_hint": {
        "en": "put the file itself in the folder: links are not followed, so that nothing outside the project is published",
        "vi": "hãy đặt chính tệp vào thư mục: liên kết không được đọc, để không công bố gì nằm ngoài dự án",
    },
    "not_a_file": {"en": "this is not a regular file", "vi": "đây không phải là một tệp thông thường"},
    "not_a_file_hint": {
        "en": "a data folder holds one YAML file per record; remove this entry",
        "vi": "thư mục dữ liệu chỉ chứa mỗi hồ sơ một tệp YAML; hãy xóa mục này",
    },
    "unreadable": {"en": "the file cannot be read ({error})", "vi": "không đọc được tệp ({error})"},
    "unreadable_hint": {
        "en": "check that the file exists and that you may read it",
        "vi": "hãy kiểm tra tệp có tồn tại và bạn có quyền đọc",
    },
    "two_documents": {
        "en": "the file holds a second YAML document (`---`)",
        "vi": "tệp có một tài liệu YAML thứ hai (`---`)",
    },
    "two_documents_hint": {
        "en": "one file holds one record: move the second one into a file of its own",
        "vi": "mỗi tệp chỉ chứa một hồ sơ: hãy chuyển hồ sơ thứ hai sang một tệp riêng",
    },
    "too_deep": {
        "en": "the data is nested more than {limit} levels deep here",
        "vi": "dữ liệu lồng nhau quá {limit} cấp tại đây",
    },
    "too_deep_hint": {
        "en": "records nest a few levels at most: check the brackets and the indentation",
        "vi": "hồ sơ chỉ lồng nhau vài cấp: hãy kiểm tra dấu ngoặc và thụt lề",
    },
    "special_word": {
        "en": "`{word}` written without quotes has a special meaning in YAML",
        "vi": "`{word}` khi không đặt trong ngoặc kép có nghĩa đặc biệt trong YAML",
    },
    "special_word_hint": {
        "en": "write the fields out in full, or put the text in double quotes",
        "vi": "hãy ghi đầy đủ các trường, hoặc đặt văn bản trong dấu ngoặc kép",
    },
    "line_separator_in_text": {
        "en": "the text contains an invisible line or paragraph separator (U+{code})",
        "vi": "văn bản chứa một ký tự ngắt dòng hoặc ngắt đoạn không nhìn thấy được (U+{code})",
    },
    "line_separator_in_text_hint": {
        "en": "replace it with a space, or write \\n for a new line",
        "vi": "hãy thay bằng dấu cách, hoặc viết \\n để xuống dòng",
    },
    "control_character_in_text": {
        "en": "the text contains an invisible control character (U+{code})",
        "vi": "văn bản chứa một ký tự điều khiển không nhìn thấy được (U+{code})",
    },
    "control_character_in_text_hint": {
        "en": "delete it (it often comes with text pasted from another program, or from an escape such as \\x0b)",
        "vi": "hãy xóa ký tự này (thường lẫn vào khi dán văn bản từ chương trình khác, hoặc từ một mã thoát như \\x0b)",
    },
    "direction_character": {
        "en": "the text contains an invisible character that changes the direction of the text around it (U+{code})",
        "vi": "văn bản chứa một ký tự ẩn làm đổi chiều hiển thị của văn bản xung quanh (U+{code})",
    },
    "direction_character_hint": {
        "en": "delete it: readers would see the text in another order than it is written",
        "vi": "hãy xóa ký tự này: người đọc sẽ thấy văn bản theo thứ tự khác với thứ tự đã viết",
    },
    "invalid_character": {
        "en": "the text contains a code that is not a character (U+{code})",
        "vi": "văn bản chứa một mã không phải là ký tự (U+{code})",
    },
    "invalid_character_hint": {
        "en": "delete it, or write the character itself instead of its escape",
        "vi": "hãy xóa mã này, hoặc viết chính ký tự thay cho mã thoát của nó",
    },
    "character_not_in_fonts": {
        "en": "the text contains a character the site's fonts cannot show (U+{code}): the annual report could not print it",
        "vi": "văn bản chứa một ký tự mà phông chữ của trang không hiển thị được (U+{code}): báo cáo năm không in được ký tự này",
    },
    "character_not_in_fonts_hint": {
        "en": "write it in Latin letters (the fonts cover Vietnamese, other Latin scripts, Greek and Cyrillic), "
              "or delete it if it came with pasted text",
        "vi": "hãy viết bằng chữ Latinh (phông chữ có tiếng Việt, các chữ Latinh khác, chữ Hy Lạp và chữ Kirin), "
              "hoặc xóa ký tự này nếu nó lẫn vào khi dán văn bản",
    },
    "invisible_text": {"en": "the text has no visible character", "vi": "văn bản không có ký tự nào nhìn thấy được"},
    "invisible_text_hint": {
        "en": "write the text, or remove the field if it has none",
        "vi": "hãy viết nội dung, hoặc xóa trường này nếu không có nội dung",
    },
    "subfolder": {"en": "this folder is not read", "vi": "thư mục này không được đọc"},
    "subfolder_hint": {
        "en": "data files sit directly in {folder}/: move the files up and remove the folder",
        "vi": "tệp dữ liệu phải nằm ngay trong {folder}/: hãy chuyển các tệp ra ngoài và xóa thư mục này",
    },
    "suffix_case": {"en": "this file is not read: its extension is not `.yml`", "vi": "tệp này không được đọc: phần mở rộng không phải `.yml`"},
    "suffix_case_hint": {"en": "rename it to `{name}`", "vi": "hãy đổi tên tệp thành `{name}`"},
    "not_data": {"en": "this file is not a data file and is not read", "vi": "tệp này không phải tệp dữ liệu và không được đọc"},
    "not_data_hint": {
        "en": "{folder}/ holds only records (`ID.yml`): move the file elsewhere",
        "vi": "thư mục {folder}/ chỉ chứa hồ sơ (`MÃ.yml`): hãy chuyển tệp này đi nơi khác",
    },
    "hidden_data_file": {
        "en": "this file is not read: its name starts with a dot",
        "vi": "tệp này không được đọc: tên tệp bắt đầu bằng dấu chấm",
    },
    "hidden_data_file_hint": {
        "en": "name the file after its record's id, e.g. `kr-mois.yml`",
        "vi": "hãy đặt tên tệp theo mã hồ sơ, ví dụ `kr-mois.yml`",
    },
    "folder_outside": {
        "en": "the data folder is a link to a place outside the project",
        "vi": "thư mục dữ liệu là liên kết tới một nơi nằm ngoài dự án",
    },
    "folder_outside_hint": {
        "en": "keep the data inside the project: replace the link with the folder itself",
        "vi": "hãy giữ dữ liệu trong dự án: thay liên kết bằng chính thư mục",
    },
    "folder_not_folder": {"en": "this should be a folder", "vi": "đây phải là một thư mục"},
    "folder_not_folder_hint": {
        "en": "replace the file with a folder of records",
        "vi": "hãy thay tệp này bằng một thư mục chứa các hồ sơ",
    },
    "alias": {"en": "YAML aliases (*name) are not allowed", "vi": "không được dùng bí danh YAML (*tên)"},
    "alias_hint": {
        "en": "write the value out in full instead of referring to an anchor",
        "vi": "hãy ghi đầy đủ giá trị thay vì tham chiếu tới một neo",
    },
    "anchor": {"en": "YAML anchors (&name) are not allowed", "vi": "không được dùng neo YAML (&tên)"},
    "anchor_hint": {
        "en": "remove the anchor; each record states its values itself",
        "vi": "hãy xóa neo; mỗi hồ sơ tự ghi đầy đủ giá trị của mình",
    },
    "syntax": {"en": "YAML syntax error: {problem}", "vi": "lỗi cú pháp YAML: {problem}"},
    "syntax_invalid": {"en": "invalid YAML", "vi": "YAML không hợp lệ"},
    "syntax_hint": {
        "en": "check the indentation and quotes on this line and the one before",
        "vi": "hãy kiểm tra thụt lề và dấu ngoặc kép ở dòng này và dòng trước đó",
    },
    "tab": {"en": "a tab character is used", "vi": "tệp có dùng ký tự tab"},
    "tab_hint": {"en": "indent with spaces, never tabs", "vi": "hãy thụt lề bằng dấu cách, không dùng tab"},
    "indentation": {
        "en": "the indentation of this line does not match the lines around it",
        "vi": "thụt lề của dòng này không khớp với các dòng xung quanh",
    },
    "indentation_hint": {
        "en": "give fields of the same level the same number of spaces",
        "vi": "các trường cùng cấp phải thụt lề bằng cùng một số dấu cách",
    },
    "colon": {  # the English is PyYAML's own wording, kept as editors already know it
        "en": "mapping values are not allowed here",
        "vi": "có dấu hai chấm và dấu cách (': ') ở giữa một giá trị",
    },
    "colon_hint": {
        "en": "put text containing ': ' in double quotes",
        "vi": "hãy đặt văn bản có chứa ': ' trong dấu ngoặc kép",
    },
    "unclosed_quote": {
        "en": "a quoted text is never closed",
        "vi": "một đoạn văn bản mở dấu ngoặc kép nhưng không đóng",
    },
    "unclosed_quote_hint": {"en": "add the closing quote", "vi": "hãy thêm dấu ngoặc kép đóng"},
    "tag": {"en": "the tag {tag} is not allowed", "vi": "không được dùng thẻ {tag}"},
    "tag_hint": {
        "en": "remove it: data files hold plain text, lists and mappings only",
        "vi": "hãy xóa thẻ này: tệp dữ liệu chỉ chứa văn bản, danh sách và các trường `tên: giá trị`",
    },
    "unreadable_value": {
        "en": "`{value}` cannot be read as a value of type {kind}",
        "vi": "không đọc được `{value}` thành giá trị kiểu {kind}",
    },
    "unreadable_value_hint": {
        "en": "if it is text, put it in double quotes; otherwise correct it",
        "vi": "nếu đây là văn bản, hãy đặt trong dấu ngoặc kép; nếu không, hãy sửa lại",
    },
    "key_not_text": {"en": "a field name must be plain text", "vi": "tên trường phải là văn bản thường"},
    "key_not_text_hint": {"en": "use a name like `title:`", "vi": "hãy dùng tên như `title:`"},
    "duplicate_key": {
        "en": "the field `{name}` appears twice in the same mapping (first on line {line})",
        "vi": "trùng khóa: trường `{name}` xuất hiện hai lần trong cùng một nhóm (lần đầu ở dòng {line})",
    },
    "duplicate_key_hint": {"en": "keep one of them", "vi": "hãy giữ lại một trong hai"},
    "field": {"en": "`{name}`", "vi": "trường `{name}`"},
    "the_record": {"en": "the record", "vi": "hồ sơ"},
    # structure (schemas.py)
    "type_string": {"en": "a text", "vi": "văn bản"},
    "type_object": {"en": "a mapping (fields with `name: value`)", "vi": "một nhóm trường (dạng `tên: giá trị`)"},
    "type_array": {"en": "a list (lines starting with `- `)", "vi": "một danh sách (các dòng bắt đầu bằng `- `)"},
    "type_integer": {"en": "a whole number", "vi": "số nguyên"},
    "type_number": {"en": "a number", "vi": "số"},
    "type_boolean": {"en": "true or false", "vi": "true hoặc false"},
    "type_null": {"en": "nothing", "vi": "giá trị trống"},
    "or": {"en": " or ", "vi": " hoặc "},
    "required": {"en": "the required field `{name}` is missing", "vi": "thiếu trường bắt buộc `{name}`"},
    "required_in": {
        "en": "the required field `{name}` is missing in {field}",
        "vi": "thiếu trường bắt buộc `{name}` trong {field}",
    },
    "required_hint": {"en": "add `{name}:` {title}", "vi": "hãy thêm `{name}:` {title}"},
    "wrong_type": {
        "en": "{field} must be {expected}, not {actual}",
        "vi": "{field} phải là {expected}, không phải {actual}",
    },
    "quote_hint": {
        "en": "YAML reads `{word}` without quotes as something other than text: write \"{word}\"",
        "vi": "YAML hiểu `{word}` không có ngoặc kép là một giá trị khác văn bản: hãy viết \"{word}\"",
    },
    "not_allowed_value": {
        "en": "{field}: `{value}` is not an allowed value",
        "vi": "{field} có giá trị `{value}` không hợp lệ",
    },
    "allowed_values_hint": {"en": "use one of: {choices}", "vi": "dùng một trong các giá trị: {choices}"},
    "not_constant": {"en": "{field}: `{value}` is not allowed", "vi": "{field} không được có giá trị `{value}`"},
    "not_constant_hint": {"en": "write `{expected}`", "vi": "hãy ghi `{expected}`"},
    "pattern": {
        "en": "{field}: `{value}` does not have the expected form",
        "vi": "{field} có giá trị `{value}` không đúng định dạng",
    },
    "empty": {"en": "{field} is empty", "vi": "{field} đang để trống"},
    "empty_hint": {"en": "fill it in or remove the field", "vi": "hãy điền nội dung hoặc xóa trường này"},
    "too_long": {"en": "{field} is too long", "vi": "{field} quá dài"},
    "too_long_hint": {"en": "shorten it", "vi": "hãy rút gọn"},
    "repeated": {"en": "{field} lists the same value twice", "vi": "{field} có một giá trị bị lặp lại"},
    "repeated_hint": {"en": "remove the repeated entry", "vi": "hãy xóa mục bị lặp"},
    "wrong_kind_fields": {
        "en": "{field} has fields that do not belong to this kind of record",
        "vi": "{field} có những trường không dùng cho loại hồ sơ này",
    },
    "wrong_kind_fields_hint": {
        "en": "a programme has objectives, tasks, areas and solutions; "
              "an annual plan has `implements` and `task_groups`",
        "vi": "đề án có mục tiêu, nhiệm vụ, lĩnh vực và giải pháp; "
              "kế hoạch năm có `implements` và `task_groups`",
    },
    "dependency": {  # the English is jsonschema's own wording
        "en": "{field}: '{needed}' is a dependency of '{given}'",
        "vi": "{field}: đã ghi `{given}` thì phải ghi cả `{needed}`",
    },
    "dependency_hint": {"en": "give `plan` and `action` together", "vi": "hãy ghi `plan` và `action` cùng nhau"},
    "schema_other": {"en": "{field}: {detail}", "vi": "{field}: {detail}"},  # a rule this module does not word itself
    "english_and_pending": {
        "en": "{field} has both `en` and `translation: pending`",
        "vi": "{field} có cả `en` lẫn `translation: pending`",
    },
    "english_and_pending_hint": {
        "en": "remove `translation: pending` now that the English text is there",
        "vi": "hãy xóa `translation: pending` vì đã có bản tiếng Anh",
    },
    "no_english": {"en": "{field} has no English text", "vi": "{field} chưa có bản tiếng Anh"},
    "no_english_hint": {
        "en": "add `en:` with the English translation, or `translation: pending` if it is not ready",
        "vi": "hãy thêm `en:` với bản dịch tiếng Anh, hoặc ghi `translation: pending` nếu chưa có bản dịch",
    },
    "unknown_field": {"en": "unknown field `{name}`", "vi": "không có trường nào tên là `{name}`"},
    "did_you_mean": {"en": "did you mean `{name}`?", "vi": "có phải ý bạn là `{name}`?"},
    "allowed_fields_hint": {"en": "allowed fields here: {names}", "vi": "các trường được dùng ở đây: {names}"},
    # values (records.py)
    "pending": {"en": "English translation pending for {field}", "vi": "chưa có bản dịch tiếng Anh cho {field}"},
    "pending_hint": {"en": "add `en:` when the translation is ready", "vi": "hãy thêm `en:` khi có bản dịch"},
    "no_such_date": {"en": "{field}: {date} is not a date that exists", "vi": "{field}: ngày {date} không tồn tại"},
    "no_such_date_hint": {"en": "check the day and the month", "vi": "hãy kiểm tra lại ngày và tháng"},
    "date_out_of_range": {
        "en": "{field}: {date} is outside the years this site records ({first}–{last})",
        "vi": "{field}: {date} nằm ngoài khoảng năm mà trang ghi nhận ({first}–{last})",
    },
    "date_out_of_range_hint": {"en": "check the year", "vi": "hãy kiểm tra lại năm"},
    "date_in_future": {
        "en": "{field}: {date} is in the future, but this date reports something that has happened",
        "vi": "{field}: {date} là ngày trong tương lai, nhưng ngày này ghi nhận một việc đã xảy ra",
    },
    "date_in_future_hint": {
        "en": "check the year (a typo such as 2204 for 2024?)",
        "vi": "hãy kiểm tra lại năm (gõ nhầm, ví dụ 2204 thay vì 2024?)",
    },
    "end_before_start": {
        "en": "the end ({end}) is before the start ({start})",
        "vi": "ngày kết thúc ({end}) sớm hơn ngày bắt đầu ({start})",
    },
    "end_before_start_hint": {"en": "swap or correct the two dates", "vi": "hãy đổi chỗ hoặc sửa lại hai ngày này"},
    "unknown_country": {
        "en": "`{code}` is not an ISO 3166-1 country code",
        "vi": "`{code}` không phải là mã quốc gia theo ISO 3166-1",
    },
    "unknown_country_hint": {
        "en": "use the two-letter code, e.g. VN, KR, JP, FR",
        "vi": "hãy dùng mã gồm hai chữ cái, ví dụ VN, KR, JP, FR",
    },
    "no_image": {
        "en": "the image `{file}` is not a file in {folder}/",
        "vi": "không tìm thấy ảnh `{file}` trong thư mục {folder}/",
    },
    "no_image_hint": {
        "en": "put the image in the {folder}/ folder and write its path as {folder}/NAME.jpg",
        "vi": "hãy đặt ảnh vào thư mục {folder}/ và ghi đường dẫn dạng {folder}/TÊN-ẢNH.jpg",
    },
    "image_link": {
        "en": "the image `{file}` is a symbolic link",
        "vi": "ảnh `{file}` là một liên kết tượng trưng (symlink)",
    },
    "image_link_hint": {
        "en": "put the image file itself in {folder}/: links are not followed",
        "vi": "hãy đặt chính tệp ảnh vào thư mục {folder}/: liên kết không được đọc",
    },
    "image_unreadable": {
        "en": "`{file}` does not open as an image",
        "vi": "không mở được `{file}` dưới dạng ảnh",
    },
    "image_unreadable_hint": {
        "en": "save the picture again as a {expected} file from an image program",
        "vi": "hãy lưu lại ảnh dưới dạng tệp {expected} bằng một chương trình xử lý ảnh",
    },
    "image_format": {
        "en": "`{file}` is named as a {expected} image but holds a {actual} image",
        "vi": "`{file}` mang tên ảnh {expected} nhưng thực chất là ảnh {actual}",
    },
    "image_format_hint": {
        "en": "give the file the extension of its real format, or convert it to {expected}",
        "vi": "hãy đặt phần mở rộng đúng với định dạng thật của tệp, hoặc chuyển ảnh sang {expected}",
    },
    "id_not_file_name": {
        "en": "the id `{id}` differs from the file name `{stem}.yml`",
        "vi": "mã `{id}` khác với tên tệp `{stem}.yml`",
    },
    "id_not_file_name_hint": {
        "en": "write `id: {stem}`, or rename the file to `{id}.yml` (ids are permanent)",
        "vi": "hãy ghi `id: {stem}`, hoặc đổi tên tệp thành `{id}.yml` (mã đã công bố thì không đổi)",
    },
    "id_reserved": {
        "en": "the id `{id}` cannot be used: the address {collection}/{id}/ belongs to another page",
        "vi": "không dùng được mã `{id}`: địa chỉ {collection}/{id}/ là của một trang khác",
    },
    "id_reserved_hint": {"en": "choose another id (and rename the file)", "vi": "hãy chọn mã khác (và đổi tên tệp)"},
    "file_name_not_id_hint": {
        "en": "rename the file to `{id}.yml`: a file name is the record's id (lowercase letters, digits, hyphens)",
        "vi": "hãy đổi tên tệp thành `{id}.yml`: tên tệp chính là mã hồ sơ (chữ thường, số, dấu gạch ngang)",
    },
    # the whole dataset (dataset.py) and links between files (references.py)
    "not_a_mapping": {
        "en": "the file must be a mapping of fields (`name: value`)",
        "vi": "tệp phải gồm các trường dạng `tên: giá trị`",
    },
    "not_a_mapping_hint": {
        "en": "start with `id: ...` at the left margin",
        "vi": "hãy bắt đầu bằng dòng `id: ...` sát lề trái",
    },
    "no_records": {"en": "there is no record at all", "vi": "không có hồ sơ nào"},
    "field_not_plain": {
        "en": "the field `{field}` is of a kind the site cannot show without code of its own",
        "vi": "trường `{field}` thuộc loại mà trang không thể hiển thị nếu không có mã riêng",
    },
    "field_not_plain_hint": {
        "en": "give it a plain kind (a text, texts, a date, a country, a string, a number, true/false or a list of "
              "strings), or read it in macros/model/values.py (docs/adding-a-field.md)",
        "vi": "hãy dùng một loại đơn giản (văn bản, danh sách văn bản, ngày, quốc gia, chuỗi, số, đúng/sai hoặc danh sách "
              "chuỗi), hoặc đọc trường này trong macros/model/values.py (docs/adding-a-field.md)",
    },
    "no_records_hint": {
        "en": "the site needs at least one record: add one with `make new`",
        "vi": "trang cần ít nhất một hồ sơ: hãy thêm bằng lệnh `make new`",
    },
    "id_taken": {"en": "the id `{id}` is already used by {file}", "vi": "mã `{id}` đã được dùng trong {file}"},
    "id_taken_hint": {"en": "ids must be unique", "vi": "mỗi mã chỉ được dùng cho một hồ sơ"},
    "not_a_programme": {"en": "`{id}` is not a programme", "vi": "`{id}` không phải là đề án"},
    "not_a_programme_hint": {
        "en": "an annual plan implements a plan of kind `programme`",
        "vi": "kế hoạch năm triển khai một kế hoạch thuộc loại `programme` (đề án)",
    },
    "no_plan_element": {"en": "no plan element `{ref}` exists", "vi": "không có mục `{ref}` trong các kế hoạch"},
    "no_plan_element_hint": {
        "en": "write PLAN-ID/ELEMENT-ID with ids from plans/, e.g. ke-hoach-2024/tham-du-accsm-22",
        "vi": "hãy ghi MÃ-KẾ-HOẠCH/MÃ-MỤC theo các mã trong plans/, ví dụ ke-hoach-2024/tham-du-accsm-22",
    },
    "missing_target": {"en": "`{id}` does not exist in {folder}/", "vi": "không có `{id}` trong {folder}/"},
    "missing_target_hint": {
        "en": "create {folder}/{id}.yml or correct the id",
        "vi": "hãy tạo tệp {folder}/{id}.yml hoặc sửa lại mã",
    },
    "id_twice_in_file": {
        "en": "the id `{id}` is used twice in this file",
        "vi": "mã `{id}` được dùng hai lần trong tệp này",
    },
    "id_twice_in_file_hint": {"en": "give each entry its own id", "vi": "hãy đặt cho mỗi mục một mã riêng"},
    "id_twice_in_plan": {
        "en": "the id `{id}` is used twice in this plan",
        "vi": "mã `{id}` được dùng hai lần trong kế hoạch này",
    },
    "id_twice_in_plan_hint": {
        "en": "give each objective, task, area, solution and item its own id",
        "vi": "hãy đặt cho mỗi mục tiêu, nhiệm vụ, lĩnh vực, giải pháp và đầu việc một mã riêng",
    },
    "parent_cycle": {
        "en": "the parent organisations form a cycle: {chain}",
        "vi": "các cơ quan chủ quản tạo thành một vòng khép kín: {chain}",
    },
    "parent_cycle_hint": {
        "en": "one of these partners must not name a parent",
        "vi": "hãy bỏ trường `parent` ở một trong các đối tác này",
    },
    # summaries (problems.py, dataset.py, __main__.py); `_one`/`_other` are chosen by plural()
    "more_problems_one": {
        "en": "and {count} more problem in this file (fix the ones above first)",
        "vi": "và {count} lỗi khác trong tệp này (hãy sửa các lỗi ở trên trước)",
    },
    "more_problems_other": {
        "en": "and {count} more problems in this file (fix the ones above first)",
        "vi": "và {count} lỗi khác trong tệp này (hãy sửa các lỗi ở trên trước)",
    },
    "errors_one": {
        "en": "{count} error in the data: nothing was built.",
        "vi": "Dữ liệu có {count} lỗi: trang web chưa được tạo.",
    },
    "errors_other": {
        "en": "{count} errors in the data: nothing was built.",
        "vi": "Dữ liệu có {count} lỗi: trang web chưa được tạo.",
    },
    "valid": {"en": "OK: {summary} ({seconds:.2f} s)", "vi": "Dữ liệu hợp lệ: {summary} ({seconds:.2f} giây)"},
    "decisions_one": {"en": "{count} decision", "vi": "{count} văn bản"},
    "decisions_other": {"en": "{count} decisions", "vi": "{count} văn bản"},
    "plans_one": {"en": "{count} plan", "vi": "{count} kế hoạch"},
    "plans_other": {"en": "{count} plans", "vi": "{count} kế hoạch"},
    "partners_one": {"en": "{count} partner", "vi": "{count} đối tác"},
    "partners_other": {"en": "{count} partners", "vi": "{count} đối tác"},
    "activities_one": {"en": "{count} activity", "vi": "{count} hoạt động"},
    "activities_other": {"en": "{count} activities", "vi": "{count} hoạt động"},
    "pending_one": {"en": "{count} pending translation", "vi": "{count} nội dung chờ dịch sang tiếng Anh"},
    "pending_other": {"en": "{count} pending translations", "vi": "{count} nội dung chờ dịch sang tiếng Anh"},
    "redirect_not_mapping": {
        "en": "the redirects must be a mapping of old addresses to new ones",
        "vi": "tệp chuyển hướng phải là danh sách địa chỉ cũ: địa chỉ mới",
    },
    "redirect_hint": {
        "en": "write one line per renamed record: `partners/old-id: partners/new-id`",
        "vi": "mỗi hồ sơ đổi tên ghi một dòng: `partners/ma-cu: partners/ma-moi`",
    },
    "redirect_bad_address": {
        "en": "`{address}` is not an address of the form collection/id",
        "vi": "`{address}` không phải địa chỉ dạng thư-mục/mã",
    },
    "redirect_old_exists": {
        "en": "`{address}` is still a record: it cannot redirect elsewhere",
        "vi": "`{address}` vẫn là một hồ sơ đang có: không thể chuyển hướng đi nơi khác",
    },
    "redirect_old_exists_hint": {
        "en": "remove this line, or finish renaming the record",
        "vi": "hãy xóa dòng này, hoặc hoàn tất việc đổi tên hồ sơ",
    },
    "redirect_target_missing": {
        "en": "the new address `{address}` is not a record",
        "vi": "địa chỉ mới `{address}` không phải là hồ sơ nào",
    },
    "redirect_missing": {
        "en": "`{address}` was published and its file is gone, but no redirect keeps its address working",
        "vi": "`{address}` đã được công bố và tệp của nó không còn, nhưng chưa có chuyển hướng giữ địa chỉ cũ",
    },
    "redirect_missing_hint": {
        "en": "add `{address}: COLLECTION/NEW-ID` to redirects.yml (ids are permanent)",
        "vi": "hãy thêm `{address}: THƯ-MỤC/MÃ-MỚI` vào redirects.yml (mã hồ sơ là cố định)",
    },
    "new_bad_id": {
        "en": "`{id}` is not a valid id: use lowercase letters a-z, digits and hyphens, e.g. 2025-05-hoi-thao-han-quoc",
        "vi": "`{id}` không phải mã hợp lệ: dùng chữ thường không dấu a-z, chữ số và dấu gạch ngang, ví dụ 2025-05-hoi-thao-han-quoc",
    },
    "new_exists": {
        "en": "{path} exists already: ids are permanent, choose another id",
        "vi": "{path} đã có: mã hồ sơ là cố định, hãy chọn mã khác",
    },
    "new_done": {
        "en": "Created {path}: fill in its empty fields, then run `make validate`.",
        "vi": "Đã tạo {path}: hãy điền các trường còn trống rồi chạy `make validate`.",
    },
    "status_collection": {
        "en": "{collection}: {records} records, {pending} texts with English pending, {stale} to review again, {unreviewed} never reviewed",
        "vi": "{collection}: {records} hồ sơ, {pending} nội dung chờ dịch, {stale} cần duyệt lại, {unreviewed} chưa từng duyệt",
    },
    "status_stale": {
        "en": "the Vietnamese changed after the English was reviewed on {date}",
        "vi": "bản tiếng Việt đã thay đổi sau lần duyệt bản tiếng Anh ngày {date}",
    },
    "status_unreviewed": {"en": "the English was never reviewed", "vi": "bản tiếng Anh chưa từng được duyệt"},
    "reviewed_done": {"en": "Marked as reviewed today: {path}", "vi": "Đã ghi nhận duyệt hôm nay: {path}"},
    "reviewed_unwritable": {
        "en": "{record} could not be marked as reviewed ({error}): its file was left as it was; make it writable "
              "and run the command again.",
        "vi": "Không ghi nhận duyệt được {record} ({error}): tệp được giữ nguyên; hãy cho phép ghi tệp rồi chạy lại "
              "lệnh.",
    },
    "reviewed_changed": {
        "en": "{record} was changed by another program while it was being marked as reviewed: its file was left "
              "as that program wrote it; run the command again.",
        "vi": "{record} bị một chương trình khác thay đổi trong lúc đang ghi nhận duyệt: tệp được giữ như chương "
              "trình đó đã ghi; hãy chạy lại lệnh.",
    },
    # the browser editor's local backend (macros/editors/store.py, local_backend.py): shown in the form
    "editor_conflict": {
        "en": "{path} was changed after you opened it (in another tab or on disk), in the same place as your "
              "change: {places}. Nothing was saved: copy what you typed, reload the page to see the current "
              "version, then make your change again.",
        "vi": "{path} đã bị thay đổi sau khi bạn mở (ở một thẻ khác hoặc trực tiếp trên tệp), đúng chỗ bạn sửa: "
              "{places}. Chưa có gì được lưu: hãy chép lại phần bạn đã nhập, tải lại trang để xem bản hiện tại, "
              "rồi sửa lại.",
    },
    "editor_changed": {
        "en": "{path} was changed after you opened it (in another tab or on disk), and the editor was restarted "
              "since, so the two cannot be merged. Nothing was saved: copy what you typed, reload the page, then "
              "make your change again.",
        "vi": "{path} đã bị thay đổi sau khi bạn mở (ở một thẻ khác hoặc trực tiếp trên tệp), và trình biên tập "
              "đã được khởi động lại nên không thể gộp hai bản. Chưa có gì được lưu: hãy chép lại phần bạn đã "
              "nhập, tải lại trang, rồi sửa lại.",
    },
    "editor_exists": {
        "en": "{path} already exists (made in another tab or on disk after you started this record). Nothing "
              "was saved: choose another id, or reload the page and open the existing record.",
        "vi": "{path} đã có (được tạo ở một thẻ khác hoặc trực tiếp trên tệp sau khi bạn bắt đầu hồ sơ này). "
              "Chưa có gì được lưu: hãy chọn mã khác, hoặc tải lại trang và mở hồ sơ đã có.",
    },
    "editor_gone": {
        "en": "{path} was deleted after you opened it. Nothing was saved: reload the page.",
        "vi": "{path} đã bị xóa sau khi bạn mở. Chưa có gì được lưu: hãy tải lại trang.",
    },
    "editor_not_found": {
        "en": "{path} does not exist (deleted or renamed on disk?): reload the page.",
        "vi": "không có {path} (tệp đã bị xóa hay đổi tên?): hãy tải lại trang.",
    },
    "editor_unopenable": {
        "en": "{path} cannot be shown in the form: {problems} Mend it in a text editor (`make validate` names "
              "the line), then reload the page.",
        "vi": "không thể hiện {path} trong biểu mẫu: {problems} Hãy sửa tệp bằng một trình soạn thảo văn bản "
              "(`make validate` chỉ ra dòng lỗi), rồi tải lại trang.",
    },
    "editor_unopenable_title": {
        "en": "⚠ cannot be opened in the form: mend the file in a text editor",
        "vi": "⚠ không mở được trong biểu mẫu: hãy sửa tệp bằng trình soạn thảo văn bản",
    },
    "editor_not_written": {
        "en": "{path} could not be written ({error}). Nothing was saved: make the folder writable (or free some "
              "space), then save again.",
        "vi": "Không ghi được {path} ({error}). Chưa có gì được lưu: hãy cho phép ghi vào thư mục (hoặc giải phóng "
              "dung lượng), rồi lưu lại.",
    },
    "editor_unwritable": {
        "en": "{path}: the form's content cannot be written ({reason}). Nothing was saved.",
        "vi": "{path}: không ghi được nội dung của biểu mẫu ({reason}). Chưa có gì được lưu.",
    },
    "editor_no_record": {"en": "the form sent no record", "vi": "biểu mẫu không gửi hồ sơ nào"},
    "editor_not_yaml": {"en": "the YAML cannot be read: {error}", "vi": "không đọc được YAML: {error}"},
    "editor_meaning_changed": {
        "en": "the record could not be written without changing its meaning",
        "vi": "không thể ghi hồ sơ mà không làm thay đổi nội dung của nó",
    },
    "editor_media_exists": {
        "en": "{path} already exists{users}: the editor never replaces an image. Nothing was saved: upload "
              "the picture under another name.",
        "vi": "{path} đã có{users}: trình biên tập không bao giờ thay một ảnh đã có. Chưa có gì được lưu: hãy "
              "tải ảnh lên với một tên khác.",
    },
    "editor_media_users": {"en": " (shown by {records})", "vi": " (đang dùng trong {records})"},
    "editor_media_bad": {
        "en": "{problem}. Nothing was saved.",
        "vi": "{problem}. Chưa có gì được lưu.",
    },
    "editor_rename": {
        "en": "Renaming a record changes its address: rename the file in git and add a redirect (README, "
              "Stable addresses).",
        "vi": "Đổi tên hồ sơ là đổi địa chỉ của nó: hãy đổi tên tệp trong git và thêm một chuyển hướng (README, "
              "Địa chỉ ổn định).",
    },
    "editor_delete": {
        "en": "Records are not deleted from the editor: delete the file in git and add a redirect (README, "
              "Stable addresses).",
        "vi": "Không xóa hồ sơ từ trình biên tập: hãy xóa tệp trong git và thêm một chuyển hướng (README, "
              "Địa chỉ ổn định).",
    },
    "editor_forbidden_path": {
        "en": "{path} is not a file the editor may touch",
        "vi": "trình biên tập không được đụng đến {path}",
    },
    "editor_bad_request": {
        "en": "The editor sent a request this server does not understand ({detail}). Nothing was saved: reload "
              "the page.",
        "vi": "Trình biên tập gửi một yêu cầu mà máy chủ không hiểu ({detail}). Chưa có gì được lưu: hãy tải lại "
              "trang.",
    },
    "editor_too_large": {
        "en": "The request is larger than {limit} MB. Nothing was saved.",
        "vi": "Yêu cầu lớn hơn {limit} MB. Chưa có gì được lưu.",
    },
    "editor_failed": {
        "en": "The editor's server failed on this request ({error}). Nothing was saved: reload the page, and "
              "report this message if it happens again.",
        "vi": "Máy chủ của trình biên tập gặp lỗi khi xử lý yêu cầu này ({error}). Chưa có gì được lưu: hãy tải "
              "lại trang, và báo lại thông báo này nếu lỗi lặp lại.",
    },
    "bad_contact_email": {
        "en": "CONTACT_EMAIL (extra.contact_email in mkdocs.yml) is not an e-mail address: {email!r}",
        "vi": "CONTACT_EMAIL (extra.contact_email trong mkdocs.yml) không phải địa chỉ thư điện tử: {email!r}",
    },
    "build_invalid": {"en": "the data files are invalid:", "vi": "dữ liệu không hợp lệ:"},
    "language_build_failed": {
        "en": "the pages of {config} could not be built, for the reason printed above",
        "vi": "không dựng được các trang của {config}, vì lý do nêu ở trên",
    },
    "build_failed": {
        "en": "Build failed: {site} was left unchanged.",
        "vi": "Dựng trang không thành công: {site} được giữ nguyên.",
    },
    "build_done": {"en": "Site built into {site}", "vi": "Đã dựng trang vào {site}"},
    "build_interrupted": {
        "en": "Interrupted; {site} is unchanged.",
        "vi": "Đã dừng giữa chừng; {site} được giữ nguyên.",
    },
    "build_unwritable": {
        "en": "The site cannot be built into {folder} ({error}): give with --site-dir a folder you may write in.",
        "vi": "Không dựng được trang vào {folder} ({error}): hãy chỉ ra bằng --site-dir một thư mục mà bạn có quyền ghi.",
    },
    "publish_setting_missing": {
        "en": "{variable} is not set: a published site needs it (the site's address, e.g. SITE_URL=https://example.gov.vn/htqt/; "
              "the address readers write to, e.g. CONTACT_EMAIL=htqt@example.gov.vn); nothing was published.",
        "vi": "Chưa đặt {variable}: trang công bố cần giá trị này (địa chỉ của trang, ví dụ SITE_URL=https://example.gov.vn/htqt/; "
              "địa chỉ để người đọc liên hệ, ví dụ CONTACT_EMAIL=htqt@example.gov.vn); chưa có gì được công bố.",
    },
    "publish_settings_ok": {
        "en": "Publishing settings: the site at {site}, readers write to {email}.",
        "vi": "Thiết lập công bố: trang tại {site}, người đọc liên hệ qua {email}.",
    },
    "site_dir_holds_project": {
        "en": "The site cannot be built into {folder}: that folder holds the project, which the build would replace. "
              "Give with --site-dir a folder of its own, e.g. site/.",
        "vi": "Không dựng được trang vào {folder}: thư mục đó chứa dự án, và việc dựng trang sẽ thay thế nó. Hãy chỉ ra "
              "bằng --site-dir một thư mục riêng, ví dụ site/.",
    },
    "site_dir_not_folder": {
        "en": "The site cannot be built into {folder}: it is a file or a link, not a folder. Give with --site-dir a "
              "new folder, or a site built before.",
        "vi": "Không dựng được trang vào {folder}: đó là một tệp hoặc liên kết, không phải thư mục. Hãy chỉ ra bằng "
              "--site-dir một thư mục mới, hoặc một trang đã dựng trước đó.",
    },
    "site_dir_not_site": {
        "en": "The site cannot be built into {folder}: it is not empty and has no {index} at its top, as every "
              "built site has, so the build would delete files that are not a site. Give with --site-dir an empty "
              "or new folder, or a site built before.",
        "vi": "Không dựng được trang vào {folder}: thư mục không trống và không có {index} ở cấp trên cùng như mọi "
              "trang đã dựng, nên việc dựng trang sẽ xóa những tệp không phải của trang. Hãy chỉ ra bằng --site-dir "
              "một thư mục trống hoặc mới, hoặc một trang đã dựng trước đó.",
    },
    "interrupted": {
        "en": "Interrupted: the command stopped before it finished.",
        "vi": "Đã dừng giữa chừng: lệnh chưa chạy xong.",
    },
    "report_no_year": {
        "en": "No annual report for {year}: the data has no annual plan or activity that year (years: {years}).",
        "vi": "Không có báo cáo năm {year}: dữ liệu không có kế hoạch năm hay hoạt động nào trong năm đó (các năm: {years}).",
    },
    "report_done": {
        "en": "Annual reports written ({seconds:.1f} s): {files}",
        "vi": "Đã viết báo cáo năm ({seconds:.1f} giây): {files}",
    },
    "report_cache_skipped": {
        "en": "The reports' cache {folder} cannot be used ({error}), so the reports are printed without it; "
              "REPORTS_CACHE may name another folder, or `off`.",
        "vi": "Không dùng được bộ nhớ đệm của báo cáo tại {folder} ({error}), nên các báo cáo được in mà không dùng "
              "bộ nhớ đệm; có thể đặt REPORTS_CACHE là một thư mục khác, hoặc `off`.",
    },
    "no_project": {
        "en": "{root} holds none of the folders {folders}: give the project folder",
        "vi": "{root} không chứa thư mục nào trong số {folders}: hãy chỉ ra thư mục của dự án",
    },
    # hostile or mistaken settings (issue 22): the environment, the ports, the repository, the addresses
    "bad_language": {
        "en": "MACROS_LANG={value} is not a language of the messages: set it to one of {allowed}, or leave it "
              "unset to follow the locale.",
        "vi": "MACROS_LANG={value} không phải một ngôn ngữ của thông báo: hãy đặt một trong các giá trị {allowed}, "
              "hoặc bỏ trống để theo ngôn ngữ của hệ thống.",
    },
    "bad_site_url": {
        "en": "SITE_URL (site_url in mkdocs.yml) is {url!r}, not an absolute http or https address with a host and "
              "without a query, fragment, user name or character that needs escaping (quotes, <, >, &, spaces, "
              "backslashes): give one such as https://example.gov.vn/htqt/.",
        "vi": "SITE_URL (site_url trong mkdocs.yml) là {url!r}, không phải một địa chỉ http hoặc https đầy đủ có tên "
              "máy chủ, không có truy vấn (?), phân đoạn (#), tên người dùng hay ký tự cần thoát (dấu nháy, <, >, &, "
              "dấu cách, dấu gạch chéo ngược): hãy dùng một địa chỉ như https://example.gov.vn/htqt/.",
    },
    "no_repository": {
        "en": "The editor at /admin/ needs the GitHub repository its changes go to: set CMS_REPOSITORY (GitHub "
              "Actions sets GITHUB_REPOSITORY) to OWNER/NAME, e.g. CMS_REPOSITORY=bnv/htqt-site; nothing was written.",
        "vi": "Trình biên tập tại /admin/ cần biết kho GitHub nhận các thay đổi: hãy đặt CMS_REPOSITORY (GitHub "
              "Actions tự đặt GITHUB_REPOSITORY) thành CHỦ/TÊN, ví dụ CMS_REPOSITORY=bnv/htqt-site; chưa có gì được ghi.",
    },
    "bad_repository": {
        "en": "{variable} is {repo!r}, not a GitHub repository written OWNER/NAME (e.g. bnv/htqt-site); nothing was "
              "written.",
        "vi": "{variable} là {repo!r}, không phải một kho GitHub viết dạng CHỦ/TÊN (ví dụ bnv/htqt-site); chưa có gì "
              "được ghi.",
    },
    "history_shallow": {
        "en": "This checkout is a shallow clone: each record page's “Record last edited” is the newest date the record "
              "states, not the day of its last commit, and data files deleted before the clone's first commit are not "
              "checked for a redirect (`git fetch --unshallow` brings the whole history).",
        "vi": "Bản sao này là một bản clone nông (shallow clone): mục “Hồ sơ được sửa lần cuối” của mỗi trang hồ sơ là ngày "
              "mới nhất mà hồ sơ ghi, không phải ngày của lần commit cuối, và các tệp dữ liệu bị xóa trước commit đầu "
              "tiên của bản clone không được kiểm tra chuyển hướng (`git fetch --unshallow` lấy toàn bộ lịch sử).",
    },
    "history_no_git": {
        "en": "git is not installed: each record page's “Record last edited” is the newest date the record states, not "
              "the day of its last commit, and deleted data files are not checked for a redirect.",
        "vi": "Máy chưa cài git: mục “Hồ sơ được sửa lần cuối” của mỗi trang hồ sơ là ngày mới nhất mà hồ sơ ghi, không "
              "phải ngày của lần commit cuối, và các tệp dữ liệu đã xóa không được kiểm tra chuyển hướng.",
    },
    "history_unreadable": {
        "en": "git could not read this checkout's history ({error}): each record page's “Record last edited” is the "
              "newest date the record states, not the day of its last commit, and deleted data files are not "
              "checked for a redirect.",
        "vi": "git không đọc được lịch sử của bản sao này ({error}): mục “Hồ sơ được sửa lần cuối” của mỗi trang hồ sơ là "
              "ngày mới nhất mà hồ sơ ghi, không phải ngày của lần commit cuối, và các tệp dữ liệu đã xóa không được "
              "kiểm tra chuyển hướng.",
    },
    "port_not_number": {
        "en": "{variable} is {value!r}, not a port number from 1 to 65535: give a free port, e.g. "
              "`{variable}={example} make edit`.",
        "vi": "{variable} là {value!r}, không phải số cổng từ 1 đến 65535: hãy chọn một cổng còn trống, ví dụ "
              "`{variable}={example} make edit`.",
    },
    "port_busy": {
        "en": "Port {port} on 127.0.0.1 ({variable}) cannot be used ({error}): stop the program that uses it, or "
              "choose another port, e.g. `{variable}={example} make edit`.",
        "vi": "Không dùng được cổng {port} trên 127.0.0.1 ({variable}) ({error}): hãy dừng chương trình đang dùng cổng "
              "này, hoặc chọn cổng khác, ví dụ `{variable}={example} make edit`.",
    },
    "ports_same": {
        "en": "EDIT_PORT and PREVIEW_PORT are both {port}: the editor and the live preview need two different ports.",
        "vi": "EDIT_PORT và PREVIEW_PORT cùng là {port}: trình biên tập và bản xem trước cần hai cổng khác nhau.",
    },
    "preview_not_started": {
        "en": "The live preview was not started, as the data is invalid: mend the records above, then run "
              "`make serve` for the preview.",
        "vi": "Bản xem trước chưa được khởi động vì dữ liệu không hợp lệ: hãy sửa các hồ sơ nêu trên, rồi chạy "
              "`make serve` để xem trước.",
    },
    "edit_in_form": {
        "en": "Every file above can be mended in the form.",
        "vi": "Mọi tệp nêu trên đều sửa được trong biểu mẫu.",
    },
    "edit_in_text_editor_one": {
        "en": "The form cannot open {files}: mend it in a text editor; any other file above can be mended in the form.",
        "vi": "Biểu mẫu không mở được {files}: hãy sửa tệp này bằng một trình soạn thảo văn bản; các tệp khác nêu "
              "trên (nếu có) sửa được trong biểu mẫu.",
    },
    "edit_in_text_editor_other": {
        "en": "The form cannot open {files}: mend them in a text editor; any other file above can be mended in the "
              "form.",
        "vi": "Biểu mẫu không mở được {files}: hãy sửa các tệp này bằng một trình soạn thảo văn bản; các tệp khác "
              "nêu trên (nếu có) sửa được trong biểu mẫu.",
    },
    "preview_failed": {
        "en": "The live preview (mkdocs serve) stopped with exit code {code}, for the reason printed above; the "
              "editor was stopped too.",
        "vi": "Bản xem trước (mkdocs serve) đã dừng với mã thoát {code}, vì lý do in ở trên; trình biên tập cũng "
              "đã dừng.",
    },
    "reviewed_bad_address": {
        "en": "`{address}` is not a record's address: write COLLECTION/ID or COLLECTION/ID.yml, e.g. partners/kr-mois, "
              "with COLLECTION one of {collections}.",
        "vi": "`{address}` không phải địa chỉ của một hồ sơ: hãy viết BỘ/MÃ hoặc BỘ/MÃ.yml, ví dụ partners/kr-mois, "
              "trong đó BỘ là một trong {collections}.",
    },
    "reviewed_unknown": {
        "en": "{collection}/ has no record `{id}`: write COLLECTION/ID with the id of an existing record, e.g. "
              "partners/kr-mois.",
        "vi": "{collection}/ không có hồ sơ `{id}`: hãy viết BỘ/MÃ với mã của một hồ sơ đã có, ví dụ partners/kr-mois.",
    },
    "new_unwritable": {
        "en": "{path} could not be written ({error}): check that {folder}/ is a folder you may write in.",
        "vi": "Không ghi được {path} ({error}): hãy kiểm tra {folder}/ là một thư mục mà bạn có quyền ghi.",
    },
}


class UnknownLanguage(ValueError):
    """MACROS_LANG names no language of the messages; the commands and the build print this and stop."""


def language() -> str:
    """The language of this run's messages (see the module's docstring)."""
    chosen = os.environ.get(VARIABLE, "")
    if chosen:
        if chosen not in LANGUAGES:  # a typo must not silently give the other language; with none to say it in, both
            raise UnknownLanguage(" · ".join(text_in(lang, "bad_language", value=chosen, allowed=", ".join(LANGUAGES))
                                             for lang in LANGUAGES))
        return chosen
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "vi" if system.startswith("vi") else DEFAULT


def text(key: str, **values) -> str:
    """The message `key` in the run's language, with `values` filled in."""
    return text_in(language(), key, **values)


def text_in(lang: str, key: str, **values) -> str:
    """The message `key` in `lang` (a page of the site speaks its own language)."""
    return MESSAGES[key][lang].format(**values)


def plural(key: str, count: int, **values) -> str:
    """`key_one` or `key_other` by `count` (Vietnamese has one form; English two)."""
    return text(f"{key}_{'one' if count == 1 else 'other'}", count=count, **values)
