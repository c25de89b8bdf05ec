#include "accessible.h"

#if defined(__WXGTK__)
#include <dlfcn.h>
#endif

namespace ayllu::gui {

#if defined(__WXGTK__)
namespace {

// The few GTK and ATK functions used, found in the libraries the process has loaded.
struct Atk {
    using GetAccessible = void* (*)(void*);
    using SetText = void (*)(void*, const char*);
    using RoleForName = int (*)(const char*);
    using SetRole = void (*)(void*, int);
    using GetType = unsigned long (*)();
    using IsA = int (*)(void*, unsigned long);
    using GetChild = void* (*)(void*);
    GetAccessible getAccessible = nullptr;
    GetType binType = nullptr;
    IsA isA = nullptr;
    GetChild binChild = nullptr;
    SetText setName = nullptr;
    SetText setDescription = nullptr;
    RoleForName roleForName = nullptr;
    SetRole setRole = nullptr;

    Atk() {
        getAccessible =
            reinterpret_cast<GetAccessible>(dlsym(RTLD_DEFAULT, "gtk_widget_get_accessible"));
        setName = reinterpret_cast<SetText>(dlsym(RTLD_DEFAULT, "atk_object_set_name"));
        setDescription =
            reinterpret_cast<SetText>(dlsym(RTLD_DEFAULT, "atk_object_set_description"));
        roleForName = reinterpret_cast<RoleForName>(dlsym(RTLD_DEFAULT, "atk_role_for_name"));
        setRole = reinterpret_cast<SetRole>(dlsym(RTLD_DEFAULT, "atk_object_set_role"));
        binType = reinterpret_cast<GetType>(dlsym(RTLD_DEFAULT, "gtk_bin_get_type"));
        isA = reinterpret_cast<IsA>(dlsym(RTLD_DEFAULT, "g_type_check_instance_is_a"));
        binChild = reinterpret_cast<GetChild>(dlsym(RTLD_DEFAULT, "gtk_bin_get_child"));
    }
    bool ok() const { return getAccessible != nullptr && setName != nullptr; }
};

const Atk& atk() {
    static const Atk a;
    return a;
}

} // namespace

bool accessibleNamesWork() {
    return atk().ok();
}

void setAccessible(wxWindow* w, const wxString& name, const wxString& description,
                   const char* role) {
    const Atk& a = atk();
    if (w == nullptr || !a.ok() || w->GetHandle() == nullptr) {
        return;
    }
    void* object = a.getAccessible(w->GetHandle());
    if (object == nullptr) {
        return;
    }
    // A table or tree (wxDataViewCtrl) is a scrolled window around the widget a screen reader
    // reads: that one is named too.
    if (a.binType != nullptr && a.isA != nullptr && a.binChild != nullptr &&
        a.isA(w->GetHandle(), a.binType()) != 0) {
        if (void* inner = a.binChild(w->GetHandle())) {
            if (void* o = a.getAccessible(inner)) {
                a.setName(o, name.utf8_str());
            }
        }
    }
    a.setName(object, name.utf8_str());
    if (!description.empty() && a.setDescription != nullptr) {
        a.setDescription(object, description.utf8_str());
    }
    if (role != nullptr && *role != '\0' && a.roleForName != nullptr && a.setRole != nullptr) {
        if (const int r = a.roleForName(role); r != 0) { // 0: ATK_ROLE_INVALID
            a.setRole(object, r);
        }
    }
}

#else

bool accessibleNamesWork() {
    return false;
}

void setAccessible(wxWindow*, const wxString&, const wxString&, const char*) {}

#endif

} // namespace ayllu::gui
