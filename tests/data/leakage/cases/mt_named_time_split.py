# %%
sales = pd.read_csv("sales.csv")
train = sales[sales["year"] < 2023]
test = sales[sales["year"] >= 2023]
# %%
for depth in range(2, 10):
    tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(train[["promo", "price"]], train["sold_out"])
    print(depth, accuracy_score(test["sold_out"], tree.predict(test[["promo", "price"]])))
