"""Russian translations of the interface, merged into aktdesk_ru.ts by update.py.

Keyed by the English source text; a (context, source) key wins over a plain one where the
same English word needs a different Russian form in one place.
"""

RU: dict[str | tuple[str, str], str] = {
    # common
    "Client": "Клиент",
    "Own entity": "Юрлицо",
    "Type": "Тип",
    "Billing": "Периодичность",
    "Payment": "Оплата",
    "Documents": "Документы",
    "Valid": "Действует",
    "Status": "Статус",
    "Manager": "Менеджер",
    "E-mail": "E-mail",
    "INN": "ИНН",
    "KPP": "КПП",
    "days": "дн.",
    "indefinitely": "бессрочно",
    "no e-mail": "нет e-mail",
    "Contract": "Договор",
    "of": "от",
    "Specification": "Спецификация",
    "Service": "Услуга",
    "Qty": "Кол-во",
    "Price": "Цена",
    "Supplementary agreements": "Дополнительные соглашения",
    "effective from": "действует с",
    "Select a contract to see its terms.": "Выберите договор, чтобы увидеть его условия.",
    "January": "Январь",
    "February": "Февраль",
    "March": "Март",
    "April": "Апрель",
    "May": "Май",
    "June": "Июнь",
    "July": "Июль",
    "August": "Август",
    "September": "Сентябрь",
    "October": "Октябрь",
    "November": "Ноябрь",
    "December": "Декабрь",
    "Period:": "Период:",
    "Active contracts in the period: %1; with documents: %2; documents: %3": "Действующих договоров в периоде: %1; с документами: %2; документов: %3",
    "Fixed": "Фиксированный",
    "Variable": "По факту",
    "Draft": "Черновик",
    "Active": "Действует",
    "Suspended": "Приостановлен",
    "Closed": "Закрыт",
    "Number": "Номер",
    "Date": "Дата",
    "Monthly amount": "Сумма в месяц",
    "by work orders": "по заказ-нарядам",
    "100% prepayment": "Предоплата 100%",
    "70/30": "Предоплата 70/30",
    "Postpayment": "Постоплата",
    "Act + invoice": "Акт + счёт",
    "UPD": "УПД",
    "UKD": "УКД",
    "Corrections (UKD)": "Корректировки (УКД)",
    "VAT invoice": "Счёт-фактура",
    "Advance VAT invoice": "Счёт-фактура на аванс",
    "VAT invoices": "Счета-фактуры",
    "The buyer does not pay VAT and refused VAT invoices in writing": (
        "Покупатель не плательщик НДС и письменно отказался от счетов-фактур"
    ),
    "e.g. Agreement of 10.01.2026": "например, Соглашение от 10.01.2026",
    "Buyer's consent:": "Согласие покупателя:",
    "Act, invoice and VAT invoice": "Акт, счёт и счёт-фактура",
    "No VAT invoices: the buyer does not pay VAT, consent — %1": (
        "Счета-фактуры не выставляются: покупатель не плательщик НДС, согласие — %1"
    ),
    "Act + invoice + UPD": "Акт + счёт + УПД",
    "Monthly": "Ежемесячно",
    "Quarterly": "Ежеквартально",
    "Yearly": "Ежегодно",
    "Search by number, client or INN": "Поиск по номеру, клиенту или ИНН",
    "All statuses": "Все статусы",
    "All own entities": "Все юрлица",
    "Contracts: %n": "Договоров: %n",
    "Act": "Акт",
    "Invoice": "Счёт",
    "Kind": "Вид",
    "Period": "Период",
    "Amount": "Сумма",
    "Signed": "Подписан",
    "Sent": "Отправлен",
    "Paid": "Оплата",
    "yes": "да",
    "no": "нет",
    "paid": "оплачен",
    "partly": "частично",
    "unpaid": "не оплачен",
    "Contracts": "Договоры",
    "Month closing": "Закрытие месяца",
    "Acts registry": "Реестр актов",
    "Payments": "Платежи",
    "No database connection": "Нет подключения к базе данных",
    "Database: %1": "База данных: %1",
    "&File": "&Файл",
    "&Settings…": "&Настройки…",
    "Fill with &demo data…": "Заполнить &демо-данными…",
    "E&xit": "В&ыход",
    "&Help": "&Справка",
    "Open the &log file": "Открыть &журнал работы",
    "&About AktDesk": "&О программе AktDesk",
    "About AktDesk": "О программе AktDesk",
    "AktDesk %1: month closing, acts registry and payments.": "AktDesk %1: закрытие месяца, реестр актов и платежи.",
    "Settings": "Настройки",
    "Demo data": "Демо-данные",
    "Number of clients:": "Число клиентов:",
    "Filling demo data": "Заполнение демо-данными",
    "Invoices and their payment state": "Счета и их оплата",
    "All documents": "Все документы",
    "Acts": "Акты",
    "Invoices": "Счета",
    "Documents: %n": "Документов: %n",
    "Embedded database (SQLite file)": "Встроенная база данных (файл SQLite)",
    "PostgreSQL server (several users)": "Сервер PostgreSQL (несколько пользователей)",
    "stored in the system keyring": "хранится в системном хранилище паролей",
    "Database": "База данных",
    "File:": "Файл:",
    "SQLite file": "Файл SQLite",
    "Server:": "Сервер:",
    "Port:": "Порт:",
    "Database:": "База данных:",
    "User:": "Пользователь:",
    "Password:": "Пароль:",
    "Automatic": "Автоматически",
    "Microsoft Word": "Microsoft Word",
    "LibreOffice": "LibreOffice",
    "Files": "Файлы",
    "Shared folder for scans:": "Общая папка для сканов:",
    "Shared folder for signed scans": "Общая папка для подписанных сканов",
    "Folder for documents:": "Папка для документов:",
    "Folder for generated documents": "Папка для сформированных документов",
    "PDF converter:": "Конвертер PDF:",
    "Interface language:": "Язык интерфейса:",
    "Cancelling after the current item…": "Остановка после текущего элемента…",
    "Working": "Выполняется",
    "Cancel": "Отмена",
    "About %n second(s) left": "Осталось около %n с",
    "Unexpected error": "Непредвиденная ошибка",
    "Something went wrong. The details were written to the log file.": "Что-то пошло не так. Подробности записаны в журнал работы.",
}

RU.update(
    {
        "Supplementary agreement to contract %1": "Дополнительное соглашение к договору %1",
        "ends the contract on the effective date": "прекращает договор с даты вступления в силу",
        "Current price": "Текущая цена",
        "New price": "Новая цена",
        "New quantity": "Новое количество",
        "Number:": "Номер:",
        "Date:": "Дата:",
        "Effective from:": "Действует с:",
        "Description:": "Описание:",
        "Line %1: not a number": "Строка %1: не число",
        "Apply": "Применить",
        "Add agreement…": "Добавить доп. соглашение…",
        "Terms": "Условия",
        "History": "История",
        "Contract %1": "Договор %1",
        "New contract": "Новый договор",
        "This own entity is not of your region.": "Это юрлицо не относится к вашему региону.",
        "Valid until": "Действует по",
        "All types": "Все типы",
        "any end date": "любой срок",
        "ending within ": "истекает в течение ",
        " days": " дн.",
        "New contract…": "Новый договор…",
        "Import…": "Импорт…",
        "Export to Excel…": "Экспорт в Excel…",
        "All managers": "Все менеджеры",
        "Export to Excel": "Экспорт в Excel",
        "Exported rows: %1": "Выгружено строк: %1",
        "Counterparty": "Контрагент",
        "New counterparty": "Новый контрагент",
        "Short name": "Краткое наименование",
        "Full name": "Полное наименование",
        "OGRN / OGRNIP": "ОГРН / ОГРНИП",
        "Legal address": "Юридический адрес",
        "Postal address": "Почтовый адрес",
        "Bank": "Банк",
        "BIK": "БИК",
        "Settlement account": "Расчётный счёт",
        "Correspondent account": "Корреспондентский счёт",
        "Signer's position": "Должность подписанта",
        "Signer": "Подписант",
        "Acting on the basis of": "Действует на основании",
        "E-mails for documents": "E-mail для документов",
        "Phone": "Телефон",
        "Region": "Регион",
        "Legal entity": "Юридическое лицо",
        "Sole proprietor": "Индивидуальный предприниматель",
        "Private person": "Физическое лицо",
        "Requisites": "Реквизиты",
        "Open the existing card": "Открыть существующую карточку",
        "Dates and terms": "Даты и условия",
        "valid until": "действует по",
        "Fixed monthly fee": "Фиксированная абонентская плата",
        "Variable volume (work orders)": "Объём по факту (заказ-наряды)",
        "Detail appendix": "Приложение-детализация",
        "Prices include VAT": "Цены включают НДС",
        "Facsimile allowed on acts": "Факсимиле на актах разрешено",
        "Contract date:": "Дата договора:",
        "Valid from:": "Действует с:",
        "Type:": "Тип:",
        "Billing:": "Периодичность:",
        "Payment:": "Оплата:",
        "Payment within, days:": "Срок оплаты, дней:",
        "Documents at closing:": "Документы при закрытии:",
        "Import from Excel or CSV": "Импорт из Excel или CSV",
        "Counterparties": "Контрагенты",
        "Choose…": "Выбрать…",
        "Preview": "Предпросмотр",
        "Row": "Строка",
        "Column": "Столбец",
        "Problem": "Ошибка",
        "Import": "Импортировать",
        "Imported": "Импортировано",
        "Will be imported": "Будет импортировано",
        "rejected rows: %1": "отклонено строк: %1",
        "Services": "Услуги",
        "Services from the catalogue with their prices.": "Услуги из каталога и их цены.",
        "Quantity": "Количество",
        "Add service": "Добавить услугу",
        "Remove": "Удалить",
        "Client and own entity": "Клиент и юрлицо",
        "Only the own entities of your region are offered.": "Предлагаются только юрлица вашего региона.",
        "Based on last year's contract": "На основе договора прошлого года",
        "Client:": "Клиент:",
        "Own entity:": "Юрлицо:",
        "Previous contract:": "Прошлый договор:",
        "The own entity of that contract is not offered to you.": "Юрлицо того договора вам недоступно.",
        "Save filter…": "Сохранить фильтр…",
        "Delete": "Удалить",
        "Saved filters": "Сохранённые фильтры",
        "Save filter": "Сохранить фильтр",
        "Filter name:": "Название фильтра:",
        "Template and number": "Шаблон и номер",
        "Templates allowed for the chosen own entity and kind of client.": "Шаблоны, разрешённые для выбранного юрлица и вида клиента.",
        "Template:": "Шаблон:",
        "Subject:": "Предмет:",
        "empty: next by the pattern, %1": "пусто — следующий по шаблону, %1",
    }
)

RU.update(
    {
        "Name": "Наименование",
        "Search by name or INN": "Поиск по наименованию или ИНН",
        "New counterparty…": "Новый контрагент…",
        "Counterparties: %1": "Контрагентов: %1",
        "&Directories": "С&правочники",
        "&Counterparties…": "&Контрагенты…",
        "&Own legal entities…": "&Свои юрлица…",
        "Own legal entities": "Свои юрлица",
        "New own entity…": "Новое юрлицо…",
        "Open": "Открыть",
        "Own legal entity": "Своё юрлицо",
        "Document number prefix": "Префикс номеров документов",
        "Contract number pattern": "Шаблон номера договора",
        "Chief accountant": "Главный бухгалтер",
        "EDO participant ID": "ID участника ЭДО",
        "VAT at the general rate (22%)": "НДС по общей ставке (22%)",
        "VAT 10%": "НДС 10%",
        "VAT 0%": "НДС 0%",
        "Without VAT (not a VAT payer)": "Без НДС (не плательщик НДС)",
        "Simplified system, VAT 5%": "УСН, НДС 5%",
        "Simplified system, VAT 7%": "УСН, НДС 7%",
        "VAT regime": "Режим НДС",
        "Stamp (PNG)": "Печать (PNG)",
        "Facsimile (PNG)": "Факсимиле (PNG)",
        "Main": "Основной",
        "Add account": "Добавить счёт",
        "Bank accounts": "Банковские счета",
    }
)

RU.update(
    {
        "Attach scan": "Прикрепить скан",
        "Attach scan…": "Прикрепить скан…",
        "Document": "Документ",
        "Open scan": "Открыть скан",
        "Scans": "Сканы",
        "You can also drop files onto this card.": "Файлы можно перетащить прямо на эту карточку.",
        "no preview": "нет превью",
        "not signed": "не подписан",
        "pending: %1": "в очереди: %1",
        "signed by %1 on %2": "подписан: %1, %2",
        "Closed": "Закрыт",
        "Manager": "Менеджер",
        "Scan": "Скан",
        "pending": "в очереди",
        " and %1 more file(s)": " и ещё файлов: %1",
        "Acts and UPD": "Акты и УПД",
        "Any payment": "Любая оплата",
        "Closed or not": "Закрытые и нет",
        "Copying the scan to the shared folder": "Копирование скана на общую папку",
        "Documents: %1   Amount: %2   Not paid: %3": "Документов: %1   Сумма: %2   Не оплачено: %3",
        "Drop on № %1%2: ": "Бросить на № %1%2: ",
        "Export": "Выгрузка",
        "Export…": "Выгрузить…",
        "Not closed": "Не закрытые",
        "Not fully paid": "Не оплачены полностью",
        "Paid": "Оплачены",
        "Partly paid": "Оплачены частично",
        "Scan queue": "Очередь сканов",
        "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)": "Сканы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)",
        "Search by number, client, INN or e-mail": "Поиск по номеру, клиенту, ИНН или e-mail",
        "Select a document first.": "Сначала выберите документ.",
        "Send queued scans (%1)": "Отправить очередь сканов (%1)",
        "Sending queued scans": "Отправка сканов из очереди",
        "Sent to the shared folder: %1; still queued: %2": "Отправлено на общую папку: %1; осталось в очереди: %2",
        "Signed or not": "Подписанные и нет",
        "Unpaid": "Не оплачены",
        "Unsigned": "Неподписанные",
        "from any period": "с любого периода",
        "to any period": "по любой период",
    }
)
RU[("RegistryTab", "Closed")] = "Закрытые"
RU[("RegistryTab", "Signed")] = "Подписанные"
RU[("RegistryTab", "Paid")] = "Оплачены"

RU.update(
    {
        "Close month": "Закрыть месяц",
        "Retry failed": "Повторить ошибки",
        "Export preview…": "Выгрузить предпросмотр…",
        "PDF for printing": "PDF для печати",
        "Users and roles": "Пользователи и роли",
        "Save": "Сохранить",
        ("UsersDialog", "Active"): "Активен",
        "&Users and roles…": "&Пользователи и роли…",
        "Login": "Логин",
        "Full name": "ФИО",
        "Role": "Роль",
        "Region": "Регион",
        "Login:": "Логин:",
        "Full name:": "ФИО:",
        "Role:": "Роль:",
        "E-mail:": "E-mail:",
        "Region:": "Регион:",
        "New user": "Новый пользователь",
        "Roles decide who approves payment requests, who exports them to the bank and whose clients a manager sees.": "Роли определяют, кто согласует заявки на оплату, кто выгружает их в банк и каких клиентов видит менеджер.",
        "Only an administrator changes users and roles.": "Пользователей и роли меняет только администратор.",
        "For printing": "Для печати",
        "per-client packages": "пакетов по клиентам",
        "Also one PDF per client (all its documents of the period) and one for the whole run": "Ещё один PDF на клиента (все его документы за период) и один на весь запуск",
        "To close: %1 of %2 contracts, %3; with warnings: %4": "К закрытию: %1 из %2 договоров, %3; с предупреждениями: %4",
        "Closing the month": "Закрытие месяца",
        "Cancelling after the current contract…": "Остановка после текущего договора…",
        ", about %1 s left": ", осталось около %1 с",
        "Cancelled.": "Прервано.",
        "Export preview": "Выгрузка предпросмотра",
        "Cancelled: run again to close the rest.": "Прервано: запустите снова, чтобы закрыть остальные.",
        "Contracts closed": "Закрыто договоров",
        "Errors": "Ошибки",
        "already issued": "уже было выпущено",
        "invoices": "счетов",
        "Close": "Закрыть",
        "Net": "Без НДС",
        "VAT": "НДС",
        "Total": "Итого",
        "Warnings": "Предупреждения",
        "already closed": "уже закрыт",
        "Month closing": "Закрытие месяца",
    }
)
RU[("ClosingTab", "Acts")] = "Актов"

RU.update(
    {
        "with stamp and facsimile": "с печатью и факсимиле",
        "Contract DOCX and PDF": "Договор в DOCX и PDF",
    }
)

RU.update({"Work orders": "Заказ-наряды"})

# registry models loading in the background
RU.update({"Loading…": "Загрузка…"})

# payment requests (заявки на оплату): the tab, the card, the registry model
RU.update({"Payment requests": "Заявки на оплату"})
for _context, _pairs in {
    "RequestsModel": {
        "Draft": "Черновик",
        "On approval": "На согласовании",
        "Approved for payment": "Согласован к оплате",
        "Paid": "Оплачен",
        "Rejected": "Отказано",
        "Amount": "Сумма",
        "Contractor": "Подрядчик",
        "Created": "Создана",
        "Initiator": "Инициатор",
        "Number": "Номер",
        "Pay by": "Оплатить до",
        "Payer": "Плательщик",
        "Status": "Статус",
        "What we pay for": "За что платим",
        "exported": "выгружено",
    },
    "RequestCard": {
        "%1 of %2 characters": "%1 из %2 символов",
        "A comment (required to reject or return for revision)": "Комментарий (обязателен, чтобы отказать или вернуть на доработку)",
        "Add comment": "Добавить комментарий",
        "Approve": "Согласовать",
        "Attach a file": "Прикрепить файл",
        "Attachments": "Вложения",
        "Bank BIK": "БИК банка",
        "Bank": "Банк",
        "Close": "Закрыть",
        "Contractor's requisites*": "Реквизиты подрядчика*",
        "Contractor*": "Подрядчик*",
        "Copying the file to the shared folder": "Копирование файла на общую папку",
        "Correspondent account": "К/с",
        "Currency*": "Валюта*",
        "Drop files on the card to attach them as the e-invoice.": "Перетащите файлы на карточку, чтобы приложить их как электронную версию счёта.",
        "E-invoice": "Эл. версия счёта",
        "E-invoice…": "Эл. версия счёта…",
        "From the directory": "Из справочника",
        "History and comments": "История и комментарии",
        "INN*": "ИНН*",
        "Invoice amount*": "Сумма счёта*",
        "KPP": "КПП",
        "Mark paid": "Отметить оплату",
        "New payment request": "Новая заявка на оплату",
        "PDF or pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)": "PDF или изображения (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)",
        "Pay by*": "Оплатить до*",
        "Payer": "Плательщик",
        "Payment order": "Платёжное поручение",
        "Payment order…": "Платёжное поручение…",
        "Payment purpose* (with VAT, at most %1 characters)": "Назначение платежа* (с НДС, не больше %1 символов)",
        "Payment request № %1 of %2": "Заявка на оплату № %1 от %2",
        "Reject": "Отказать",
        "Return for revision": "Вернуть на доработку",
        "Save and submit the request first.": "Сначала сохраните заявку и отправьте её на согласование.",
        "Save draft": "Сохранить черновик",
        "Save the request first.": "Сначала сохраните заявку.",
        "Settlement account*": "Р/с*",
        "Submit for approval": "На согласование",
        "Suggest": "Заполнить",
        "Type a name or INN to fill the requisites": "Начните вводить название или ИНН — реквизиты заполнятся",
        "VAT": "НДС",
        "What we pay for*": "За что платим*",
        "Write the purpose from what we pay for, the amount and VAT": "Составить назначение платежа из «за что платим», суммы и НДС",
        "e.g. for communication services, invoice № 45 of 02.11.2026": "например: за услуги связи по счёту № 45 от 02.11.2026",
        "payment order exported %1": "платёжное поручение выгружено %1",
        "waiting in the queue": "ждёт в очереди",
        "comment": "комментарий",
    },
    "RequestsTab": {
        "All own entities": "Все юрлица",
        "All requests": "Все заявки",
        "All statuses": "Все статусы",
        "Bank exchange file (*.txt)": "Файл обмена с банком (*.txt)",
        "Due this week": "К оплате на этой неделе",
        "Export approved to the bank…": "Выгрузить согласованные в банк…",
        "Approved requests not exported yet, as payment orders (1CClientBankExchange) for the bank client": "Согласованные и ещё не выгруженные заявки — платёжными поручениями (1CClientBankExchange) для клиент-банка",
        "Export payment orders": "Выгрузка платёжных поручений",
        "My requests": "Мои заявки",
        "New request…": "Новая заявка…",
        "Open": "Открыть",
        "Payment orders: %1 for %2 RUB (%3) → %4": "Платёжных поручений: %1 на сумму %2 руб. (%3) → %4",
        "Requests: %1   Amount: %2": "Заявок: %1   Сумма: %2",
        "Search by number, contractor, INN or purpose": "Поиск по номеру, подрядчику, ИНН или назначению",
        "To approve": "На согласование",
        "Writing payment orders": "Запись платёжных поручений",
    },
}.items():
    for _source, _russian in _pairs.items():
        RU[(_context, _source)] = _russian

# overview tab
RU.update(
    {
        "Overview": "Обзор",
        "Refresh": "Обновить",
        "Export PDF…": "Экспорт в PDF…",
        "Export PDF": "Экспорт в PDF",
        "Updating…": "Обновление…",
        "Updated: %1": "Обновлено: %1",
        "Clients of %1": "Клиенты менеджера: %1",
        "All clients": "Все клиенты",
        "%1 ₽": "%1 ₽",
        "%1 ₽ a month": "%1 ₽ в месяц",
        "0–30 days": "0–30 дн.",
        "31–60 days": "31–60 дн.",
        "61–90 days": "61–90 дн.",
        "over 90 days": "более 90 дн.",
        "Acts and UPD not signed": "Не подписаны акты и УПД",
        "Unpaid invoices": "Неоплаченные счета",
        "Unallocated payments": "Неразнесённые платежи",
        "Requests waiting for my approval": "Заявки ждут моего согласования",
        "My requests on approval": "Мои заявки на согласовании",
        "Requests to pay this week": "Заявки к оплате на этой неделе",
        "Contracts ending within 30 days": "Договоры истекают в ближайшие 30 дней",
        "Contracts ending within 60 days": "Договоры истекают в ближайшие 60 дней",
        "Closed contracts": "Закрыто",
        "Contracts not closed": "Не закрыто",
        "Closing failed": "Ошибка закрытия",
        "No manager": "Без менеджера",
        "Documents: %1": "Документов: %1",
        "Amount: %1 ₽": "Сумма: %1 ₽",
        "Month closing: contracts per month": "Закрытие месяца: договоры по месяцам",
        "Unsigned acts and UPD by age, thousand ₽": "Неподписанные акты и УПД по давности, тыс. ₽",
        "Unsigned acts and UPD by manager, thousand ₽": "Неподписанные акты и УПД по менеджерам, тыс. ₽",
        "Receivables by age (unpaid invoices)": "Дебиторская задолженность по давности (неоплаченные счета)",
        "Receivables: top 10 clients, thousand ₽": "Дебиторская задолженность: топ-10 клиентов, тыс. ₽",
        "contracts": "договоров",
        "thousand ₽": "тыс. ₽",
        "AktDesk overview on %1": "AktDesk: обзор на %1",
        "The overview is still being computed.": "Обзор ещё рассчитывается.",
        "The PDF report could not be written to %1: %2": "Не удалось записать PDF-отчёт в %1: %2",
        "PDF report saved: %1": "PDF-отчёт сохранён: %1",
    }
)
RU.update(
    {
        ("MonthsShort", month): short
        for month, short in zip(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
            ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
            strict=True,
        )
    }
)

# payments: statements, unallocated payments, notifications
RU.update(
    {
        "1C bank exchange files (*.txt);;All files (*)": "Файлы обмена с банком 1С (*.txt);;Все файлы (*)",
        "A refund, a loan or a transfer: remove it from the queue": "Возврат, заём или перевод: убрать платёж из очереди",
        "Applied here": "Зачтено в счёт",
        "Assign": "Разнести",
        "Assign the payment to invoices": "Разнесение платежа по счетам",
        "Assign to invoices…": "Разнести по счетам…",
        "Assign with the overpayment?": "Разнести с переплатой?",
        "Bank statements": "Выписки банка",
        "Check the amounts": "Проверьте суммы",
        "Find an invoice by number, client or INN": "Найти счёт по номеру, клиенту или ИНН",
        "Free": "Свободно",
        "How": "Как разнесено",
        "Import statements…": "Загрузить выписки…",
        "Importing bank statements": "Загрузка выписок банка",
        "No notifications": "Уведомлений нет",
        "The notification's object was not found": "Объект уведомления не найден",
        "Not a client payment": "Не оплата клиента",
        "Notifications": "Уведомления",
        "Notifications: %1": "Уведомления: %1",
        "Order No.": "№ п/п",
        "Overpayment": "Переплата",
        "Payer": "Плательщик",
        "Payment No. %1 of %2 from %3 (INN %4): %5, free %6": "Платёж № %1 от %2, плательщик %3 (ИНН %4): %5, свободно %6",
        "Payment amount": "Сумма платежа",
        "Payments behind the selected invoice": "Платежи, зачтённые в выбранный счёт",
        "Purpose": "Назначение платежа",
        "Purpose: %1": "Назначение платежа: %1",
        "Receipts nobody has applied yet: %1, grouped by region and manager": "Поступления, ещё не разнесённые по счетам: %1 (по регионам и менеджерам)",
        "Release to import the statements": "Отпустите, чтобы загрузить выписки",
        "Some files were not imported (nothing was taken from them):": "Некоторые файлы не загружены (из них не взято ничего):",
        "Stage": "Этап",
        "The amount «%1» is not a number: write it like 1 234,56": "Сумма «%1» — не число: напишите её так: 1 234,56",
        "The previous import is still running.": "Предыдущая загрузка ещё идёт.",
        "To assign": "Разнести",
        "To assign: %1 of the free %2": "Разносится: %1 из свободных %2",
        "Undo this allocation": "Отменить разнесение",
        "advance": "предоплата",
        "final": "окончательный",
        "or drop 1C bank statement files (kl_to_1c.txt) onto this tab": "или перетащите файлы выписок 1С (kl_to_1c.txt) на эту вкладку",
        "payments: %1": "платежей: %1",
    }
)

# The scan inbox («Разобрать сканы»): desktop/ui/scans/inbox_dialog.py and its button in the registry.
RU.update(
    {
        ("RegistryTab", "Sort scans…"): "Разобрать сканы…",
        (
            "RegistryTab",
            "A folder or a multi-page scan of signed acts: each act is found by its QR code",
        ): "Папка или многостраничный скан подписанных актов: каждый акт находится по своему QR-коду",
        ("InboxDialog", "Sort scans"): "Разобрать сканы",
        (
            "InboxDialog",
            "Drop a folder or PDF / image files of signed acts here, or choose them. Each act is found by the QR code in its title; the pages after it belong to it. The files themselves are not moved or changed.",
        ): "Перетащите сюда папку или файлы PDF / изображения с подписанными актами или выберите их. "
        "Каждый акт находится по QR-коду в заголовке, следующие за ним страницы относятся к нему. "
        "Сами файлы не перемещаются и не изменяются.",
        ("InboxDialog", "Choose files…"): "Выбрать файлы…",
        ("InboxDialog", "Choose folder…"): "Выбрать папку…",
        ("InboxDialog", "Document"): "Документ",
        ("InboxDialog", "Pages"): "Страницы",
        ("InboxDialog", "Result"): "Результат",
        ("InboxDialog", "Act or UPD number, e.g. АС-12"): "Номер акта или УПД, например АС-12",
        ("InboxDialog", "Attach selected pages to this act"): "Прикрепить выбранные страницы к этому акту",
        ("InboxDialog", "Not read or not stored:"): "Не прочитано или не сохранено:",
        ("InboxDialog", "Number:"): "Номер:",
        ("InboxDialog", "Filed:"): "Разложено:",
        (
            "InboxDialog",
            "Unrecognised pages — select them and attach to an act by its number:",
        ): "Нераспознанные страницы — выберите их и прикрепите к акту по его номеру:",
        (
            "InboxDialog",
            "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)",
        ): "Сканы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)",
        ("InboxDialog", "Reading pages…"): "Читаю страницы…",
        ("InboxDialog", "Sorting scans"): "Разбор сканов",
        ("InboxDialog", ", page %1"): ", стр. %1",
        ("InboxDialog", "queued: the shared folder is unreachable"): "в очереди: общая папка недоступна",
        ("InboxDialog", "already attached"): "уже прикреплён",
        ("InboxDialog", "page %1"): "стр. %1",
        ("InboxDialog", "pages"): "страниц",
        ("InboxDialog", "filed"): "разложено",
        ("InboxDialog", "queued"): "в очереди",
        ("InboxDialog", "unrecognised pages"): "не распознано страниц",
        ("InboxDialog", "errors"): "ошибок",
        ("InboxDialog", "No act or UPD with the number «%1»."): "Нет акта или УПД с номером «%1».",
        (
            "InboxDialog",
            "Several documents have this number. Which one is it?",
        ): "С этим номером несколько документов. Какой из них?",
        ("InboxDialog", "Attaching pages"): "Прикрепляю страницы",
    }
)

RU.update({"%1 · payments: %2 · free %3": "%1 · платежей: %2 · свободно %3"})
RU[("RequestsTab", "Only an accountant or an admin exports payment orders.")] = (
    "Выгружает платёжные поручения только бухгалтер или администратор."
)

# sending (ui/sending, SMTP settings, registry reminders, closing)
RU.update(
    {
        "Send again to clients who already got it": "Отправить повторно и тем, кому уже отправлено",
        "Details": "Подробности",
        "Send": "Отправить",
        ("_BaseSendDialog", "Close"): "Закрыть",
        ("_BaseSendDialog", "to send"): "к отправке",
        ("_BaseSendDialog", "sent"): "отправлено",
        ("_BaseSendDialog", "failed"): "ошибка",
        ("_BaseSendDialog", "skipped"): "пропущено",
        "To send: %1   Sent: %2   Failed: %3   Skipped: %4": "К отправке: %1   Отправлено: %2   Ошибок: %3   Пропущено: %4",
        "Sending…": "Отправка…",
        "Cancelling after the current message…": "Отмена после текущего письма…",
        "Sending %1 of %2: %3": "Отправка %1 из %2: %3",
        "Send documents to clients — %1": "Отправка документов клиентам — %1",
        "Each client gets its documents of %1 (PDF) at the e-mails of its card. Sent through %2.": "Каждый клиент получит свои документы за %1 (PDF) на e-mail из своей карточки. Сервер отправки: %2.",
        "(no mail server in the settings)": "(сервер почты не указан в настройках)",
        "Attach DOCX": "Приложить DOCX",
        "Attach UPD XML": "Приложить XML УПД",
        "Export UPD for EDO…": "Выгрузить УПД для ЭДО…",
        "Export UPD for EDO": "Выгрузка УПД для ЭДО",
        "Folder for the EDO files": "Папка для файлов ЭДО",
        ("EntityChoice", "Several…"): "Несколько…",
        ("EntityPicker", "Own entities"): "Свои юрлица",
        "One payment orders file is one payer's account: choose one own entity in the filter.": "Один файл платёжных поручений — один счёт плательщика: выберите в фильтре одно юрлицо.",
        "&Mail templates…": "&Шаблоны писем…",
        "Mail templates": "Шаблоны писем",
        "First line «Тема: …», then a blank line and the text. Names: %1": "Первая строка — «Тема: …», затем пустая строка и текст письма. Имена: %1",
        ("MailTemplatesDialog", "Save"): "Сохранить",
        "Restore the default": "Вернуть стандартный",
        "Forget the edited text: letters use the file of forms/mail again": "Забыть изменённый текст: письма снова пойдут по файлу из forms/mail",
        ("MailTemplatesDialog", "Close"): "Закрыть",
        ("MailTemplatesDialog", "Subject:"): "Тема:",
        "Edited in the program: %1, %2": "Изменён в программе: %1, %2",
        "Standard text (file %1)": "Стандартный текст (файл %1)",
        "Sample: the letter to %1": "Пример: письмо клиенту %1",
        "Changes to «%1» are not saved. Close without saving?": "Изменения в «%1» не сохранены. Закрыть без сохранения?",
        "XML files into the folder": "Файлы XML в папку",
        "One ZIP per client": "Один ZIP-архив на клиента",
        "Mark the UPDs as sent by EDO": "Отметить УПД как отправленные по ЭДО",
        "The registry then shows them as sent by EDO": "В реестре они будут показаны как отправленные по ЭДО",
        ("EdoExportDialog", "Export"): "Выгрузить",
        ("EdoExportDialog", "Folder:"): "Папка:",
        ("EdoExportDialog", "As:"): "Как:",
        ("EdoExportDialog", "Browse…"): "Обзор…",
        "UPD files exported: %1 for %2 client(s) to %3": "Выгружено файлов УПД: %1, клиентов: %2, в папку %3",
        "Remind clients about unsigned acts": "Напоминание клиентам о неподписанных актах",
        "One message per client lists its unsigned acts and UPDs (signed ones and invoices are left out).": "Каждому клиенту — одно письмо со списком его неподписанных актов и УПД (подписанные и счета не входят).",
        "Attach the PDFs again": "Приложить PDF повторно",
        "Remind again clients reminded today": "Напомнить повторно тем, кому уже напоминали сегодня",
        "None (internal network)": "Без шифрования (внутренняя сеть)",
        "the login, if empty": "если пусто — логин",
        ("SettingsDialog", "DOCX"): "DOCX",
        ("SettingsDialog", "UPD XML"): "XML УПД",
        "Send a test message": "Отправить тестовое письмо",
        "Outgoing mail (SMTP)": "Исходящая почта (SMTP)",
        "Login:": "Логин:",
        "Sender address:": "Адрес отправителя:",
        "Sender name:": "Имя отправителя:",
        "PDF always, and also:": "PDF всегда, а также:",
        "Attach:": "Вложения:",
        ("SettingsDialog", " s"): " с",
        "Timeout:": "Ожидание ответа:",
        "How long to wait for the mail server before giving up": "Сколько ждать ответа почтового сервера",
        "Check the server's certificate": "Проверять сертификат сервера",
        "Turn off only for an internal server with a self-signed certificate": "Отключайте только для внутреннего сервера с самоподписанным сертификатом",
        "Sending a test message…": "Отправка тестового письма…",
        "Sent to %1. The server answered: %2": "Отправлено на %1. Ответ сервера: %2",
        "Unexpected error: %1": "Непредвиденная ошибка: %1",
        "Test message": "Тестовое письмо",
        "Remind clients…": "Напомнить клиентам…",
        "E-mail each client its unsigned acts: the selected rows, or all filtered": "Письмо каждому клиенту о его неподписанных актах: выделенные строки или все по фильтру",
        "Send to clients…": "Отправить клиентам…",
        ("DocumentsModel", "EDO"): "ЭДО",
    }
)

# signed contract scans (contracts tab and card)
RU.update(
    {
        "Signed scan": "Подписанный скан",
        "Attach signed scan…": "Прикрепить подписанный скан…",
        "Attach signed scan": "Прикрепить подписанный скан",
        "Select a contract first.": "Сначала выберите договор.",
        "Attach signed contract scan": "Подписанный скан договора",
        "Signed contract scan": "Подписанный скан договора",
        "Drop on contract № %1%2: ": "Бросить на договор № %1%2: ",
        "Signed scans": "Подписанные сканы",
        "queued: %1": "в очереди: %1",
        "Signed scan: yes": "Подписанный скан: да",
        "Signed scan: queued, it goes to the shared folder when it is reachable": "Подписанный скан: в очереди, уйдёт на общую папку, когда она станет доступна",
        "Signed scan: no — drop the signed contract here or choose the file": "Подписанный скан: нет — перетащите сюда подписанный договор или выберите файл",
        "The file of this scan cannot be found.": "Файл этого скана не найден.",
    }
)

# work orders editor (closing tab, variable contract card)
RU.update(
    {
        "Work orders…": "Заказ-наряды…",
        "Performer": "Исполнитель",
        "Request №": "№ заявки",
        "Approved": "Утверждён",
        "Add row": "Добавить строку",
        "Delete rows": "Удалить строки",
        "Work orders: %1": "Заказ-наряды: %1",
        "Work orders of variable contracts": "Заказ-наряды договоров по факту",
        "All variable contracts": "Все договоры по факту",
        "… and %1 more": "… и ещё %1",
        "Work orders are not saved": "Заказ-наряды не сохранены",
        "Correct the marked cells:": "Исправьте отмеченные ячейки:",
    }
)
RU.update({"Description": "Описание"})

RU.update(
    {
        "Preparing the messages…": "Подготовка писем…",
        "Preparing the messages": "Подготовка писем",
    }
)

RU.update(
    {
        "Sending log": "Журнал отправки",
        "Sending log…": "Журнал отправки…",
        "any period (YYYY-MM)": "любой период (ГГГГ-ММ)",
        ("DispatchLogDialog", "Failed only"): "Только ошибки",
        ("DispatchLogDialog", "When"): "Когда",
        ("DispatchLogDialog", "Who"): "Кто",
        ("DispatchLogDialog", "Channel"): "Канал",
        ("DispatchLogDialog", "What"): "Что",
        ("DispatchLogDialog", "To"): "Кому",
        "Server answer or error": "Ответ сервера или ошибка",
    }
)
RU.update(
    {
        "The changes are not saved. Show other work orders and drop them?": "Изменения не сохранены. Показать другие заказ-наряды и отменить изменения?",
    }
)

# helper B: scans attached by hand (registry), settings applied at once
RU[("RegistryTab", "Attach it to the document %1 anyway?")] = "Всё равно прикрепить к документу %1?"
RU[("InboxDialog", "Attach the pages to the document %1 anyway?")] = (
    "Всё равно прикрепить страницы к документу %1?"
)
# helper C: cancel means cancel, views stay current, database errors
RU.update(
    {
        "Cancelled: %1 of %2 contracts closed, %3 not closed; documents still without files: %4. Close the month again to make the rest.": "Отменено: закрыто договоров %1 из %2, не закрыто %3; документов пока без файлов: %4. Закройте месяц ещё раз — будет сделано остальное.",
        "Demo data cancelled: the next start of the demo completes them.": "Заполнение демо-данных отменено: при следующем запуске демо оно будет завершено.",
    }
)
# helper D: registry totals, periods in order, one window per database, bank import
RU[("DocumentsModel", "Paid")] = "Оплата"
RU.update({"%1\n\nClose the month anyway?": "%1\n\nВсё равно закрыть месяц?"})
# screen and keyboard (issue 14.8): Alt mnemonics of the tabs and main buttons, unique per window
RU.update(
    {
        "&Contracts": "&Договоры",
        "&Month closing": "Закрытие &месяца",
        "&Acts registry": "&Реестр актов",
        "&Payments": "Пл&атежи",
        "Payment &requests": "За&явки на оплату",
        "&Overview": "&Обзор",
        "Pre&view": "Пр&едпросмотр",
        "Close mon&th": "&Закрыть месяц",
        "Retr&y failed": "Повторить о&шибки",
        "E&xport preview…": "Вы&грузить предпросмотр…",
        "S&end to clients…": "Отправить &клиентам…",
        "PDF for pri&nting": "PDF для пе&чати",
        "Cance&l": "О&тмена",
        "&Work orders…": "Заказ-&наряды…",
        "Per&iod:": "Пер&иод:",
        "E&xport…": "Вы&грузить…",
        "A&ttach scan…": "Прикрепить с&кан…",
        "Sort scan&s…": "Ра&зобрать сканы…",
        "Remind cl&ients…": "&Напомнить клиентам…",
        "&New contract…": "Нов&ый договор…",
        "&Import…": "&Импорт…",
        "E&xport to Excel…": "&Экспорт в Excel…",
        "A&ttach signed scan…": "Прикрепить подписанный с&кан…",
        "&Import statements…": "Загрузить в&ыписки…",
        "&Undo this allocation": "Отм&енить разнесение",
        "Assig&n to invoices…": "Разнести по с&четам…",
        "Not a client pa&yment": "&Не оплата клиента",
        "&New request…": "&Новая заявка…",
        "Op&en": "Откр&ыть",
        "E&xport approved to the bank…": "Вы&грузить согласованные в банк…",
        "R&efresh": "Об&новить",
        "E&xport PDF…": "&Экспорт в PDF…",
        "Sa&ve filter…": "Со&хранить фильтр…",
        "De&lete": "Уда&лить",
    }
)
# helper H: typed numbers (one parser; the message names what is wrong)
RU.update(
    {
        "Line %1: %2": "Строка %1: %2",
        "Amount to assign: %1": "Сумма к разнесению: %1",
    }
)
RU.update(
    {
        "&View": "&Вид",
        "&Refresh": "&Обновить",
    }
)

# Russian everywhere (issue 14.9): «ФИО» only for people, sums with ₽
RU.update(
    {
        "Full name": "Полное наименование",
        ("UsersDialog", "Full name"): "ФИО",
        "Full name of the person": "ФИО",
        "Payment orders: %1 for %2 (%3) → %4": "Платёжных поручений: %1 на сумму %2 (%3) → %4",
    }
)
RU.update({("QFileDialog", "&Look in:"): "&Папка:", ("QFileDialog", "Files of &type:"): "&Тип файлов:"})
RU["The demo works on its own database and documents folder; they are not changed here."] = (
    "Демо работает со своей базой данных и своей папкой документов; здесь они не меняются."
)

# Users are database logins (issue 17): the users dialog, signing in, who the user is
RU.update(
    {
        "the password the user signs in with": "пароль, с которым пользователь входит в программу",
        "Change password…": "Сменить пароль…",
        "Change password": "Смена пароля",
        "Disable": "Отключить",
        "Enable": "Включить",
        "Each user signs in to the PostgreSQL server with their own login and password; the database "
        "itself checks what their role may do.": "Каждый пользователь входит на сервер PostgreSQL под своим "
        "логином и паролем; что разрешено его роли, проверяет сама база данных.",
        "This is a single-user database (SQLite): roles are recorded but not enforced by the database, and "
        "the user is whoever is signed in to this computer (see the status bar).": "Это однопользовательская "
        "база (SQLite): роли записываются, но база данных их не проверяет, а пользователь программы — тот, "
        "кто вошёл в систему на этом компьютере (см. строку состояния).",
        "Only an administrator changes users and roles: %1.": "Пользователей и роли меняет только "
        "администратор: %1.",
        "New password of %1:": "Новый пароль пользователя %1:",
        "The password of %1 is changed.": "Пароль пользователя %1 изменён.",
        "Disable user": "Отключение пользователя",
        "Disable %1? They will no longer be able to sign in.": "Отключить пользователя %1? Он больше не "
        "сможет войти в программу.",
        "Disable %1?": "Отключить пользователя %1?",
        "Single-user mode (SQLite): user — %1": "Однопользовательский режим (SQLite): пользователь — %1",
        "%1: not in the users list": "%1: нет в списке пользователей",
        "%1 (%2), %3": "%1 (%2), %3",
        "Sign in to AktDesk": "Вход в AktDesk",
        "Server %1, database %2": "Сервер %1, база данных %2",
        "Remember the password": "Запомнить пароль",
        "Kept in the system keyring of this computer": "Пароль хранится в хранилище паролей системы на этом "
        "компьютере",
        "Sign in": "Войти",
        "Enter your login.": "Укажите логин.",
    }
)

# budget directories, approval routes, the route in the request card (issue 17)
RU.update(
    {
        "&Budget items and cost centres…": "&Статьи ДДС и ЦФО…",
        "&Approval routes…": "&Маршруты согласования…",
        "Waiting for my approval": "Ждут моего согласования",
        ("RequestsModel", "Waiting for"): "Ждёт",
        ("RequestsModel", "Budget item"): "Статья ДДС",
        # Справочники → Статьи ДДС и ЦФО
        ("EntriesPane", "Code"): "Код",
        ("EntriesPane", "Name"): "Наименование",
        ("EntriesPane", "Active"): "Действует",
        ("EntriesPane", "Code:"): "Код:",
        ("EntriesPane", "Name:"): "Наименование:",
        ("EntriesPane", "Active (offered for new requests)"): "Действует (предлагается в новых заявках)",
        ("EntriesPane", "New"): "Новая запись",
        ("EntriesPane", "Save"): "Сохранить",
        ("EntriesPane", "yes"): "да",
        ("EntriesPane", "no"): "нет",
        (
            "EntriesPane",
            "A closed entry is no longer offered for new requests; the requests charged to it keep it.",
        ): "Недействующую запись не предлагают в новых заявках; заявки, где она выбрана, её сохраняют.",
        ("BudgetDirectoriesDialog", "Budget items and cost centres"): "Статьи ДДС и ЦФО",
        ("BudgetDirectoriesDialog", "Budget items"): "Статьи ДДС",
        ("BudgetDirectoriesDialog", "Cost centres"): "ЦФО",
        ("BudgetDirectoriesDialog", "Close"): "Закрыть",
        # Справочники → Маршруты согласования
        ("ApprovalRoutesDialog", "Approval routes"): "Маршруты согласования",
        ("ApprovalRoutesDialog", "Stage"): "Этап",
        ("ApprovalRoutesDialog", "Budget item"): "Статья ДДС",
        ("ApprovalRoutesDialog", "Amount above"): "Сумма свыше",
        ("ApprovalRoutesDialog", "Approver"): "Согласующий",
        ("ApprovalRoutesDialog", "Title on the route"): "Должность на маршруте",
        ("ApprovalRoutesDialog", "0 — any amount"): "0 — любая сумма",
        ("ApprovalRoutesDialog", "e.g. Head of department"): "например, Руководитель отдела",
        ("ApprovalRoutesDialog", "New rule"): "Новое правило",
        ("ApprovalRoutesDialog", "Save rule"): "Сохранить правило",
        ("ApprovalRoutesDialog", "Delete rule"): "Удалить правило",
        ("ApprovalRoutesDialog", "Own entity:"): "Юрлицо:",
        ("ApprovalRoutesDialog", "Rule"): "Правило",
        ("ApprovalRoutesDialog", "Budget item:"): "Статья ДДС:",
        ("ApprovalRoutesDialog", "Amount above, ₽:"): "Сумма свыше, ₽:",
        ("ApprovalRoutesDialog", "Stage:"): "Этап:",
        ("ApprovalRoutesDialog", "Approver:"): "Согласующий:",
        ("ApprovalRoutesDialog", "Title on the route:"): "Должность на маршруте:",
        ("ApprovalRoutesDialog", "Which route a request takes"): "Какой маршрут пройдёт заявка",
        ("ApprovalRoutesDialog", "Request amount, ₽:"): "Сумма заявки, ₽:",
        ("ApprovalRoutesDialog", "budget item:"): "статья:",
        ("ApprovalRoutesDialog", "Any"): "Любая",
        ("ApprovalRoutesDialog", "Close"): "Закрыть",
        (
            "ApprovalRoutesDialog",
            "The routes are shown read-only.",
        ): "Маршруты показаны только для просмотра.",
        (
            "ApprovalRoutesDialog",
            "A request goes through every rule of its payer whose amount it exceeds and whose budget "
            "item is its own or «Any». Stage 2 waits for stage 1; the approvers of one stage decide "
            "in parallel. A return for revision starts the route again.",
        ): "Заявка проходит все правила своего плательщика, сумму которых она превышает и чья статья ДДС — "
        "её или «Любая». Этап 2 ждёт этапа 1; согласующие одного этапа решают параллельно. Возврат на "
        "доработку начинает маршрут заново.",
        (
            "ApprovalRoutesDialog",
            "Delete the rule? Requests already on approval keep their route.",
        ): "Удалить правило? Заявки, уже отправленные на согласование, сохранят свой маршрут.",
        # the request card: budget item, cost centre, route, letters
        ("RequestCard", "Stage"): "Этап",
        ("RequestCard", "Who"): "Кто",
        ("RequestCard", "Title"): "Должность",
        ("RequestCard", "Decision"): "Решение",
        ("RequestCard", "When"): "Когда",
        ("RequestCard", "Comment"): "Комментарий",
        ("RequestCard", "approved"): "согласовано",
        ("RequestCard", "rejected"): "отказано",
        ("RequestCard", "returned"): "возвращено",
        ("RequestCard", "waiting"): "ждёт",
        ("RequestCard", "next"): "в очереди",
        ("RequestCard", "any approver"): "любой согласующий",
        ("RequestCard", "Previous rounds"): "Предыдущие круги",
        ("RequestCard", "Round %1"): "Круг %1",
        ("RequestCard", "Approval route"): "Маршрут согласования",
        ("RequestCard", "Budget item*"): "Статья ДДС*",
        ("RequestCard", "Budget item"): "Статья ДДС",
        ("RequestCard", "Cost centre*"): "ЦФО*",
        ("RequestCard", "Cost centre"): "ЦФО",
        (
            "RequestCard",
            "By the item «%1» in %2: paid %3, approved for payment %4",
        ): "По статье «%1» в %2: оплачено %3, согласовано к оплате %4",
        ("RequestCard", "Sending the e-mail to the approvers…"): "Письмо согласующим отправляется…",
        ("RequestCard", "Sending the e-mail to the approvers"): "Отправка письма согласующим",
        (
            "RequestCard",
            "The e-mail to the approvers was not sent: %1",
        ): "Письмо согласующим не отправлено: %1",
        ("RequestCard", "E-mail sent to the approvers: %1"): "Письмо согласующим отправлено: %1",
    }
)

# the audit log viewer (issue 17): Справка → Журнал изменений
RU.update(
    {
        ("MainWindow", "&Change log…"): "Журнал &изменений…",
        ("AuditModel", "When"): "Когда",
        ("AuditModel", "Who"): "Кто",
        ("AuditModel", "Object"): "Объект",
        ("AuditModel", "No./id"): "№/id",
        ("AuditModel", "Action"): "Действие",
        ("AuditModel", "What changed"): "Что изменилось",
        ("AuditDialog", "Change log"): "Журнал изменений",
        ("AuditDialog", "&Period from"): "&Период с",
        ("AuditDialog", "to"): "по",
        ("AuditDialog", "All"): "Все",
        (
            "AuditDialog",
            "Text in the changes, a name, a number or an id",
        ): "Текст изменения, название, номер или id",
        ("AuditDialog", "Re&fresh"): "Об&новить",
        ("AuditDialog", "Read the log again (F5)"): "Прочитать журнал заново (F5)",
        ("AuditDialog", "&Export to Excel…"): "&Экспорт в Excel…",
        ("AuditDialog", "Us&er:"): "По&льзователь:",
        ("AuditDialog", "&Object:"): "&Объект:",
        ("AuditDialog", "&Action:"): "&Действие:",
        ("AuditDialog", "&Search:"): "Пои&ск:",
        ("AuditDialog", "Entries: %1"): "Записей: %1",
        ("AuditDialog", "No entries."): "Записей нет.",
        ("AuditDialog", "Field"): "Поле",
        ("AuditDialog", "Was"): "Было",
        ("AuditDialog", "Became"): "Стало",
        ("AuditDialog", "Export to Excel"): "Экспорт в Excel",
        ("AuditDialog", "Exported entries: %1 → %2"): "Выгружено записей: %1 → %2",
        ("AuditDialog", "Writing the change log"): "Запись журнала изменений",
    }
)

# books: the export to 1С:Бухгалтерия
RU.update(
    {
        ("MainWindow", "&Export to 1C…"): "&Выгрузка в 1С…",
        ("ExportDialog", "Export to 1C:Accounting"): "Выгрузка в 1С:Бухгалтерию",
        ("ExportDialog", "All own entities"): "Все юрлица",
        ("ExportDialog", "%1, INN %2"): "%1, ИНН %2",
        (
            "ExportDialog",
            "1.20 for 1C:Accounting releases that do not read 1.21 yet",
        ): "1.20 — для релизов 1С:Бухгалтерии, которые ещё не читают 1.21",
        ("ExportDialog", "&Browse…"): "&Обзор…",
        ("ExportDialog", "E&xport"): "&Выгрузить",
        ("ExportDialog", "&Period:"): "&Период:",
        ("ExportDialog", "Own &entity:"): "&Юрлицо:",
        ("ExportDialog", "&Format:"): "&Формат:",
        ("ExportDialog", "F&ile:"): "Фа&йл:",
        ("ExportDialog", "EnterpriseData file (*.xml)"): "Файл EnterpriseData (*.xml)",
        ("ExportDialog", "File: choose where to write the export."): "Файл: укажите, куда записать выгрузку.",
        ("ExportDialog", "Exporting…"): "Выгрузка…",
        (
            "ExportDialog",
            "Exported objects: %1 (EnterpriseData %2, %3)",
        ): "Выгружено объектов: %1 (EnterpriseData %2, %3)",
        ("ExportDialog", "File: %1"): "Файл: %1",
        ("ExportDialog", "Own entities"): "Организации",
        ("ExportDialog", "Counterparties"): "Контрагенты",
        ("ExportDialog", "Contracts"): "Договоры",
        ("ExportDialog", "Services"): "Номенклатура (услуги)",
        ("ExportDialog", "Sales (acts and UPDs)"): "Реализации (акты и УПД)",
        ("ExportDialog", "Issued VAT invoices for sales"): "Счета-фактуры выданные на реализацию",
        ("ExportDialog", "Issued VAT invoices for advances"): "Счета-фактуры выданные на аванс",
        ("ExportDialog", "Invoices for payment"): "Счета покупателям",
        ("ExportDialog", "Incoming payments"): "Поступления на расчётный счёт",
    }
)

# books: the sales ledger (книга продаж)
RU.update(
    {
        ("MainWindow", "&Sales ledger…"): "Книга &продаж…",
        ("SalesLedgerDialog", "Sales ledger"): "Книга продаж",
        ("SalesLedgerDialog", "%1 quarter"): "%1 квартал",
        ("SalesLedgerDialog", "All own entities"): "Все юрлица",
        ("SalesLedgerDialog", "%1, INN %2"): "%1, ИНН %2",
        ("SalesLedgerDialog", "Seller"): "Продавец",
        ("SalesLedgerDialog", "&Build"): "&Сформировать",
        ("SalesLedgerDialog", "&Save to Excel…"): "Сохранить в &Excel…",
        ("SalesLedgerDialog", "&Quarter:"): "&Квартал:",
        ("SalesLedgerDialog", "Own &entity:"): "&Юрлицо:",
        ("SalesLedgerDialog", "Check"): "Проверка",
        ("SalesLedgerDialog", "Building…"): "Формируется…",
        ("SalesLedgerDialog", "Total"): "Всего",
        (
            "SalesLedgerDialog",
            "All the quarter's VAT invoices are in the ledger once, the totals equal the registry's",
        ): "Все счета-фактуры квартала в книге по одному разу, итоги совпадают с реестром",
        ("SalesLedgerDialog", "Save the sales ledger"): "Сохранить книгу продаж",
        (
            "SalesLedgerDialog",
            "No VAT invoices in the quarter, the registry has none either",
        ): "Счетов-фактур за квартал нет, в реестре их тоже нет",
        ("SalesLedgerDialog", "Excel workbook (*.xlsx)"): "Книга Excel (*.xlsx)",
        ("SalesLedgerDialog", "Saving…"): "Сохраняется…",
        ("SalesLedgerDialog", "Saved: %1 rows, %2 with VAT → %3"): "Сохранено: строк %1, %2 с НДС → %3",
    }
)

# books: advances received and their счета-фактуры
RU.update(
    {
        ("MainWindow", "&Accounting"): "&Бухгалтерия",
        ("MainWindow", "&Advances…"): "&Авансы…",
        ("MainWindow", "Advance VAT invoices"): "Счета-фактуры на аванс",
        ("MainWindow", "Advance VAT invoices issued: %1"): "Выставлены счета-фактуры на аванс: %1",
        (
            "MainWindow",
            "(not issued: %1, see Accounting → Advances)",
        ): "(не выставлены: %1, см. «Бухгалтерия → Авансы»)",
        ("AdvancesDialog", "Advances received"): "Авансы полученные",
        ("AdvancesDialog", "All own entities"): "Все юрлица",
        ("AdvancesDialog", "%1, INN %2"): "%1, ИНН %2",
        ("AdvancesDialog", "Own &entity:"): "&Юрлицо:",
        ("AdvancesDialog", "Only &not offset"): "Только &не зачтённые",
        ("AdvancesDialog", "Client"): "Клиент",
        ("AdvancesDialog", "Contract"): "Договор",
        ("AdvancesDialog", "Payment"): "Платёж",
        ("AdvancesDialog", "Advance"): "Сумма аванса",
        ("AdvancesDialog", "Invoice for payment"): "Счёт на оплату",
        ("AdvancesDialog", "VAT invoice due"): "Срок СФ",
        ("AdvancesDialog", "Advance VAT invoice"): "Счёт-фактура на аванс",
        ("AdvancesDialog", "Offset"): "Зачтён",
        ("AdvancesDialog", "№ %1 of %2"): "№ %1 от %2",
        ("AdvancesDialog", "not issued"): "не выставлен",
        ("AdvancesDialog", "not offset"): "не зачтён",
        ("AdvancesDialog", "not needed: sale on %1"): "не нужен: отгрузка %1",
        (
            "AdvancesDialog",
            "Overdue: the VAT invoice had to be issued by %1",
        ): "Просрочен: счёт-фактуру нужно было выставить не позднее %1",
        ("AdvancesDialog", "Due today"): "Срок — сегодня",
        (
            "AdvancesDialog",
            "Received: %1; with advance VAT invoices: %2; not offset: %3",
        ): "Получено: %1; выставлены счета-фактуры на аванс: %2; не зачтено: %3",
        ("AdvancesDialog", "&Issue advance VAT invoices (%1)"): "&Выставить счета-фактуры на аванс (%1)",
        ("AdvancesDialog", "Issuing…"): "Выставление…",
        ("AdvancesDialog", "Advance VAT invoices"): "Счета-фактуры на аванс",
        ("AdvancesDialog", "Advance VAT invoices issued: %1"): "Выставлено счетов-фактур на аванс: %1",
    }
)

RU.update(
    {
        ("MainWindow", "&Document requests"): "Запросы док&ументов",
        ("DocRequestCard", "Open file"): "Открыть файл",
        ("DocRequestCard", "Open folder"): "Открыть папку",
        ("DocRequestCard", "Attach file…"): "Прикрепить файл…",
        ("DocRequestCard", "Save draft"): "Сохранить черновик",
        ("DocRequestCard", "Send"): "Отправить",
        ("DocRequestCard", "Take in work"): "Взять в работу",
        ("DocRequestCard", "Prepare…"): "Подготовить…",
        ("DocRequestCard", "Approve the number"): "Утвердить номер",
        ("DocRequestCard", "Ready"): "Готово",
        ("DocRequestCard", "Reject…"): "Отклонить…",
        ("DocRequestCard", "New document request"): "Новый запрос документов",
        ("DocRequestCard", "Document request No. %1"): "Запрос документов № %1",
        ("DocRequestCard", "Rejected: %1"): "Отклонён: %1",
        (
            "DocRequestCard",
            "The contract number waits for an accountant's approval.",
        ): "Номер договора ждёт утверждения бухгалтером.",
        ("DocRequestCard", " (with the stamp)"): " (с печатью)",
        ("DocRequestCard", " (waits to reach the shared folder)"): " (ждёт отправки на общую папку)",
        ("DocRequestCard", "Attachment: %1"): "Вложение: %1",
        ("DocRequestCard", "Prepare the documents first."): "Сначала подготовьте документы.",
        ("DocRequestCard", "Save the request first."): "Сначала сохраните запрос.",
        (
            "DocRequestCard",
            "Files for the accountant: PDF, JPEG, PNG, TIFF",
        ): "Файлы для бухгалтера: PDF, JPEG, PNG, TIFF",
        ("DocRequestCard", "Cannot be sent yet: %1"): "Пока нельзя отправить: %1",
        (
            "DocRequestCard",
            "Send to the accountants (a standard request gets its documents at once)",
        ): "Отправить бухгалтерии (стандартный запрос получает документы сразу)",
        ("DocRequestCard", "The request cannot be sent yet."): "Запрос пока нельзя отправить.",
        (
            "DocRequestCard",
            "Sending; a standard request gets its contract and invoice",
        ): "Отправка; стандартный запрос получает договор и счёт",
        ("DocRequestCard", "Sending the request"): "Отправка запроса",
        (
            "DocRequestCard",
            "The documents are ready: %1 files. They are listed in the request and in the notification.",
        ): "Документы готовы: файлов — %1. Они перечислены в запросе и в уведомлении.",
        (
            "DocRequestCard",
            "Sent to the accountants: the program could not make the documents (%1).",
        ): "Отправлен бухгалтерии: программа не смогла сформировать документы (%1).",
        ("DocRequestCard", "Sent to the accountants' queue."): "Отправлен в очередь бухгалтерии.",
        ("DocRequestCard", "Approving the contract number"): "Утверждение номера договора",
        ("DocRequestCard", "Preparing the documents"): "Подготовка документов",
        (
            "DocRequestCard",
            "Files prepared: %1. Check them and press «Ready».",
        ): "Подготовлено файлов: %1. Проверьте их и нажмите «Готово».",
        (
            "DocRequestCard",
            "No document of the contract found yet: make it (for example by closing the month) and prepare again.",
        ): "По договору ещё нет нужных документов: сформируйте их (например, закрытием месяца) и подготовьте снова.",
        ("DocRequestCard", "Reject the request"): "Отклонить запрос",
        ("DocRequestCard", "Reason of the rejection:"): "Причина отклонения:",
        (
            "DocRequestCard",
            "Say why the request is rejected: the manager reads it.",
        ): "Укажите причину отклонения: её прочитает менеджер.",
        (
            "DocRequestCard",
            "The file «%1» is not there (moved or deleted).",
        ): "Файла «%1» нет на месте (перемещён или удалён).",
        ("DocRequestCard", "Attach files"): "Прикрепить файлы",
        (
            "DocRequestCard",
            "Scans and PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)",
        ): "Сканы и PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)",
        ("DocRequestCard", "Files"): "Файлы",
        ("DocRequestCard", "History"): "История",
        ("DocRequestsTab", "My requests"): "Мои запросы",
        ("DocRequestsTab", "Accountants' queue"): "Очередь бухгалтерии",
        ("DocRequestsTab", "All requests"): "Все запросы",
        ("DocRequestsTab", "All states"): "Все состояния",
        ("DocRequestsTab", "Search by number, client or comment"): "Поиск по номеру, клиенту или комментарию",
        ("DocRequestsTab", "No."): "№",
        ("DocRequestsTab", "Created"): "Создан",
        ("DocRequestsTab", "Documents wanted"): "Что нужно",
        ("DocRequestsTab", "State"): "Состояние",
        ("DocRequestsTab", "Waits for"): "Ждёт",
        ("DocRequestsTab", "Author"): "Автор",
        ("DocRequestsTab", "Accountant"): "Бухгалтер",
        ("DocRequestsTab", "Requests: %1"): "Запросов: %1",
        ("DocRequestsTab", "&New request…"): "&Новый запрос…",
        ("DocRequestsTab", "Op&en"): "Откр&ыть",
        ("DocRequestsTab", "Client"): "Клиент",
        ("DocRequestsTab", "Own entity"): "Юрлицо",
        ("DocRequestsTab", "Contract"): "Договор",
        ("DocRequestsTab", "Files"): "Файлы",
        ("RequestForm", "New client…"): "Новый клиент…",
        ("RequestForm", "Prepayment 100%"): "Предоплата 100%",
        (
            "RequestForm",
            "Prepayment 70%, the rest 30% after the act",
        ): "Предоплата 70%, остальные 30% после акта",
        ("RequestForm", "Postpayment"): "Постоплата",
        ("RequestForm", "until"): "по",
        (
            "RequestForm",
            "The contract allows a facsimile (copies with the stamp too)",
        ): "Договор допускает факсимиле (экземпляры и с печатью)",
        ("RequestForm", "What the accountant should know"): "Что нужно знать бухгалтеру",
        ("RequestForm", "Documents wanted:"): "Что нужно:",
        ("RequestForm", "Contract form:"): "Форма договора:",
        ("RequestForm", "Existing contract:"): "Существующий договор:",
        ("RequestForm", "contract of"): "договор от",
        ("RequestForm", "invoice of"): "счёт от",
        ("RequestForm", "Dates:"): "Даты:",
        ("RequestForm", "from"): "с",
        ("RequestForm", "Services:"): "Услуги:",
        ("RequestForm", "Comment:"): "Комментарий:",
        ("RequestForm", "Any region"): "Любой регион",
        ("RequestForm", "(not sold by this entity)"): "(не продаётся этим юрлицом)",
        ("RequestForm", "To send it, fill in: %1"): "Чтобы отправить, заполните: %1",
        ("RequestForm", "Region:"): "Регион:",
        ("RequestForm", "Own entity:"): "Юрлицо:",
        ("RequestForm", "Client:"): "Клиент:",
        ("RequestForm", "Payment:"): "Оплата:",
        ("RequestForm", "Service"): "Услуга",
        ("RequestForm", "Quantity"): "Количество",
        ("RequestForm", "Price"): "Цена",
        ("RequestForm", "Add service"): "Добавить услугу",
        ("RequestForm", "Remove"): "Удалить",
    }
)

RU.update(
    {
        (
            "ContractWizard",
            "The own entity of the request is not of your region: choose one you work for.",
        ): "Юрлицо запроса не из вашего региона: выберите то, за которое вы работаете.",
    }
)

RU.update(
    {
        ("DocRequestCard", "Copying the files to the shared folder"): "Копирование файлов на общую папку",
    }
)
